from rest_framework import serializers

from cases.models import Case, Suspect


class SuspectSerializer(serializers.ModelSerializer[Suspect]):
    class Meta:
        model = Suspect
        fields = ["id", "label", "in_custody"]


class CaseSerializer(serializers.ModelSerializer[Case]):
    police_force = serializers.StringRelatedField()
    cps_area = serializers.StringRelatedField()
    suspects = SuspectSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = ["id", "urn", "police_force", "cps_area", "reported_on", "suspects"]
