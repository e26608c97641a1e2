from crispy_forms_gds.helper import FormHelper


class GDSFormMixin:
    """Gives a form GOV.UK Design System markup through crispy-forms-gds.

    Templates render the error summary with ``{% error_summary form %}`` above
    the heading, then the fields with ``{% crispy form %}`` inside their own
    ``<form>`` tag, so the submit button and CSRF token stay in the page's hands.
    """

    label_size = "s"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = self.label_size
        self.helper.legend_size = self.label_size
