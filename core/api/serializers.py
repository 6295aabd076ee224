"""The base of the register's model serializers: text fields take text. DRF's own CharField turns a number into
text; the schema says these fields are strings, so a number sent for one is a 400 naming it."""

from django.db import models
from rest_framework import serializers


class TextOnlyField(serializers.CharField):
    default_error_messages = {"not_text": "Enter text (a JSON string), not a number, true/false or a list."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class RecordSerializer(serializers.ModelSerializer):
    serializer_field_mapping = serializers.ModelSerializer.serializer_field_mapping | {
        models.CharField: TextOnlyField,
        models.TextField: TextOnlyField,
    }
