"""The administration pages (administrators) and the logs (auditors and unit heads), mounted at /administration/.
Each module owns its pages and their routes."""

from administration import deadline_settings, home, letter_templates, logs, people, reference

app_name = "administration"

urlpatterns = (
    home.urlpatterns
    + people.urlpatterns
    + deadline_settings.urlpatterns
    + reference.urlpatterns
    + letter_templates.urlpatterns
    + logs.urlpatterns
)
