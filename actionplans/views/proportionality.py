"""The proportionality dip-sample: the Area's queue, drawing a reproducible sample, and recording each review."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from actionplans.forms import ProportionalityReviewForm, SampleForm
from actionplans.models import ProportionalityReview, ProportionalitySample
from actionplans.proportionality import REVIEWERS, draw_sample, record_review
from actionplans.queries import proportionality_queue
from actionplans.views.work import unit_head
from cases.models import Case
from cases.views.steps import on_case
from web.steps import posted, put_errors_on_form, step_page

QUEUE_LENGTH = 100


@require_http_methods(["GET", "POST"])
def queue(request: HttpRequest) -> HttpResponse:
    user = unit_head(request)
    form = SampleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            sample = draw_sample(actor=user, size=form.cleaned_data["size"], seed=form.cleaned_data["seed"])
        except ValidationError as refused:
            put_errors_on_form(form, refused)
        else:
            messages.success(request, f"Sample drawn with seed {sample.seed}")
            return redirect("actionplans:proportionality")
    samples = ProportionalitySample.objects.filter(cps_area_id=user.cps_area_id).prefetch_related(
        "reviews__suspect__case"
    )[:10]
    context = {
        "form": form,
        "queue": proportionality_queue(user)[:QUEUE_LENGTH],
        "samples": samples,
        "section": "proportionality",
    }
    return render(request, "actionplans/proportionality.html", context)


def review(request: HttpRequest, review_pk: int) -> HttpResponse:
    user = unit_head(request)
    item = get_object_or_404(
        ProportionalityReview.objects.select_related("sample", "suspect"), pk=review_pk, sample__cps_area=user.cps_area
    )
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=item.suspect.case_id)
    return step_page(
        request,
        doers=REVIEWERS,
        **on_case(case, done_url=reverse("actionplans:proportionality")),
        title=f"Review the action plans for {item.suspect.label}",
        form=ProportionalityReviewForm(posted(request)),
        run=lambda data: record_review(actor=user, review=item, **data),
        done=f"Review of {item.suspect.label} recorded",
    )
