from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from supple.domain.library import Exercise
from supple.domain.plan_text import join_words, starting_dose_text
from supple.domain.vocabulary import CAUSE_NAMES, POSITION_NAMES, TAG_NAMES, TARGET_NAMES
from supple.library.catalogue import STILLS, figure_svg, figure_title, get_library, sides_of, still_svg
from supple.library.forms import LibraryFilter


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise with this id, or 404."""
    library = get_library()
    if exercise_id not in library:
        raise Http404("No such exercise")
    return library.get(exercise_id)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = LibraryFilter(request.GET or None)
    exercises = list(get_library())
    if form.is_bound and form.is_valid():
        position, target = form.cleaned_data["position"], form.cleaned_data["target"]
        exercises = [
            e
            for e in exercises
            if (not position or e.position == position)
            and (not target or target in e.targets)
            and (not form.cleaned_data["desk"] or e.desk)
        ]
    status = 400 if form.is_bound and not form.is_valid() else 200
    # Every exercise's address from the library's, without reversing a URL per card (a hot page).
    base = reverse("library:index")
    cards = [(e, POSITION_NAMES[e.position], f"{base}{e.id}/") for e in exercises]
    ctx = {"form": form, "cards": cards, "total": len(get_library())}
    return render(request, "library/index.html", ctx, status=status)


@require_GET
def detail(request: HttpRequest, exercise_id: str) -> HttpResponse:
    exercise = get_exercise(exercise_id)
    library = get_library()
    ctx = {
        "exercise": exercise,
        "figures": [(side, figure_title(exercise, side)) for side in sides_of(exercise)],
        "here": request.path,
        "dose": starting_dose_text(exercise),
        "targets": [TARGET_NAMES[t] for t in exercise.targets],
        "causes": join_words([CAUSE_NAMES[c] for c in exercise.causes if c not in ("general", "pain_direction")]),
        "labels": [TAG_NAMES[t] for t in exercise.ordered_tags if t in TAG_NAMES and t != exercise.position],
        "position": POSITION_NAMES[exercise.position],
        "related": {
            title: [library.get(i) for i in ids]
            for title, ids in (
                ("Easier", exercise.easier),
                ("Harder", exercise.harder),
                ("If you cannot do this one", exercise.alternatives),
            )
            if ids
        },
    }
    return render(request, "library/detail.html", ctx)


@require_GET
@cache_control(max_age=3600, public=True)
def figure(request: HttpRequest, exercise_id: str) -> HttpResponse:
    """The animated demonstration as a standalone SVG (`?side=left` mirrors; `?still=1` is the held still)."""
    exercise = get_exercise(exercise_id)
    side = request.GET.get("side", "right")
    if side not in ("right", "left"):
        return HttpResponse("side must be right or left", status=400, content_type="text/plain")
    if request.GET.get("still") == "1":
        return svg_response(still_svg(exercise, side, "held"))
    return svg_response(figure_svg(exercise, side))


@require_GET
@cache_control(max_age=86400, public=True)
def still(request: HttpRequest, exercise_id: str, side: str, still: str) -> HttpResponse:
    """A still at a stable address: /exercises/ID/right-held.svg, left-start.svg and so on."""
    exercise = get_exercise(exercise_id)
    if side not in sides_of(exercise) or still not in STILLS:
        raise Http404("No such still")
    return svg_response(still_svg(exercise, side, still))


def svg_response(svg: str) -> HttpResponse:
    return HttpResponse(svg, content_type="image/svg+xml")
