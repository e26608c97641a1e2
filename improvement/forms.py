from functools import cached_property

from crispy_forms_gds.helper import FormHelper


class GDSFormMixin:
    """Gives a form GOV.UK Design System markup through crispy-forms-gds.

    Templates render the error summary with ``{% error_summary form %}`` above
    the heading, then the fields with ``{% crispy form %}`` inside their own
    ``<form>`` tag, so the submit button and CSRF token stay in the page's hands.
    """

    label_size = "s"

    @cached_property
    def helper(self) -> FormHelper:
        # Built on first use, so that fields a form adds in __init__ are included.
        helper = FormHelper(self)
        helper.form_tag = False
        helper.disable_csrf = True
        helper.label_size = self.label_size
        helper.legend_size = self.label_size
        return helper
