"""Django's JSON serialisation, but keeping times to the microsecond.

Django's own JSON encoder cuts times to the millisecond, so a backup made with it
would not restore every record exactly; this one writes full ISO 8601 times and
reads back with Django's JSON deserialiser.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

Deserializer = django_json.Deserializer


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder
