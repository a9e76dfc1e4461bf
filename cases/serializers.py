from rest_framework import serializers

from cases.models import Case, Suspect


class SuspectSerializer(serializers.ModelSerializer[Suspect]):
    class Meta:
        model = Suspect
        fields = ["id", "label", "in_custody"]


class CaseSerializer(serializers.ModelSerializer[Case]):
    police_force = serializers.CharField(source="police_force.name", read_only=True)
    cps_area = serializers.CharField(source="cps_area.name", read_only=True)
    suspects = SuspectSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = ["id", "urn", "police_force", "cps_area", "reported_on", "suspects"]
