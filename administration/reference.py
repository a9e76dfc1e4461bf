"""The reference-data pages an administrator keeps: the escalation ladder, the trial readiness checklist and the
scorecards' disclosure rule (each in its own module)."""

from django.urls import URLPattern, path

from administration import reference_disclosure, reference_ladder, reference_readiness

urlpatterns: list[URLPattern] = [
    path("ladder/", reference_ladder.ladder, name="ladder"),
    path("ladder/add/", reference_ladder.add_level, name="add-level"),
    path("ladder/<int:pk>/", reference_ladder.change_level, name="change-level"),
    path("ladder/<int:pk>/remove/", reference_ladder.remove_level, name="remove-level"),
    path("readiness/", reference_readiness.readiness, name="readiness"),
    path("readiness/add/", reference_readiness.add_item, name="add-readiness-item"),
    path("readiness/<int:pk>/", reference_readiness.reword_item, name="reword-readiness-item"),
    path("readiness/<int:pk>/move/", reference_readiness.move_item, name="move-readiness-item"),
    path("readiness/<int:pk>/disable/", reference_readiness.disable_item, name="disable-readiness-item"),
    path("readiness/<int:pk>/enable/", reference_readiness.enable_item, name="enable-readiness-item"),
    path("disclosure/", reference_disclosure.disclosure, name="disclosure"),
]
