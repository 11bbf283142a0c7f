"""The Progress page's numbers: pain, sessions and PSFS, gathered in a fixed number of queries.

Each chart comes with a plain-words summary, for screen readers and for anyone who does
not read charts. The wording functions are pure and take numbers, so they are easy to test.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import fmean

from django.db.models import Avg, Count, Q, Sum

from supple.accounts.models import User
from supple.domain.outcomes import (
    IMPROVED,
    MEANINGFUL_FRACTION,
    MEANINGFUL_POINTS,
    WORSE,
    meaningful_band,
    pain_change,
    psfs_change,
)
from supple.domain.plan_text import change_texts
from supple.domain.response import RECENT_DAYS, hold_stopped_words
from supple.library.catalogue import get_library
from supple.plans.models import Plan
from supple.progress.models import ActivityRating, CheckIn
from supple.sessions.models import ExerciseLog, SessionLog

# How many full weeks the sessions summary averages over.
AVERAGE_WEEKS = 4
# Periods a person can choose, in days (None: since their first entry).
PERIODS = {"4w": 28, "12w": 84, "1y": 365, "all": None}
DEFAULT_PERIOD = "12w"
# How many pain-response updates the page lists, newest first.
CHANGES_SHOWN = 20
# How many exercises stopped for pain the page lists, newest first.
STOPPED_SHOWN = 10
# What a table cell shows when there is no value.
NO_VALUE = "\N{EN DASH}"
# Month abbreviations as the date filter writes them ("M").
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number(value: float) -> str:
    """One decimal, without a trailing .0 for whole numbers."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def table_number(value: float | None) -> str:
    """One decimal rounded half up, as the floatformat:1 filter shows it; a dash for no value.

    The tables are formatted here rather than with template filters: with a long history
    the filters took most of the page's time.
    """
    if value is None:
        return NO_VALUE
    return str(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def pain_summary(baseline: int | None, average: float | None) -> str:
    """About the last 7 days' average pain against the starting pain, in the band's terms."""
    if average is None:
        return (
            "You have not rated your pain in the last 7 days. A morning check-in takes a minute and "
            "makes this chart useful."
        )
    said = f"In the last 7 days your pain averaged {number(average)} out of 10"
    if baseline is None:
        return f"{said}."
    difference = round(abs(average - baseline), 1)
    if difference == 0:
        where = f"the same as where you started ({baseline} out of 10)"
    else:
        side = "below" if average < baseline else "above"
        where = f"{plural_points(difference)} {side} where you started ({baseline} out of 10)"
    direction = pain_change(baseline, average)
    if direction == IMPROVED:
        return f"{said}, {where}: a meaningful improvement."
    if direction == WORSE:
        return (
            f"{said}, {where}: meaningfully worse. If it stays like this, please see a doctor or physiotherapist, "
            "and show them this chart."
        )
    return (
        f"{said}, {where}: within the usual ups and downs, so no meaningful change yet. Exercise usually helps "
        "a little, over weeks rather than days."
    )


def plural_points(value: float) -> str:
    return f"{number(value)} point" if value == 1 else f"{number(value)} points"


def band_explanation(baseline: int) -> str:
    low, high = meaningful_band(baseline)
    return (
        f"The shaded band, from {number(low)} to {number(high)}, marks changes too small to mean much: "
        f"{MEANINGFUL_POINTS} points either side of your starting pain ({baseline} out of 10), or "
        f"{MEANINGFUL_FRACTION:.0%} of it if that is more. Below the band "
        "is a meaningful improvement; above it, meaningfully worse."
    )


def sessions_summary(this_week: int, days_so_far: int, target: int | None, average: float | None) -> list[str]:
    """Sentences about this week's sessions, the plan's suggestion and the recent average."""
    if this_week == 0 and average is None:
        lines = ["No sessions yet. When you do your routine, it shows here."]
    else:
        lines = [f"This week so far: {plural(this_week, 'session')} in {plural(days_so_far, 'day')}."]
    if target:
        per_day = {7: "once a day", 14: "twice a day"}.get(target, f"{number(target / 7)} times a day")
        lines.append(f"Your plan suggests {target} a week ({per_day}).")
    if average is not None:
        lines.append(f"Over the last {AVERAGE_WEEKS} full weeks you did {number(average)} a week on average.")
    lines.append("Short sessions done often help most: every one counts.")
    return lines


def psfs_summary(points: list[PsfsPoint]) -> str:
    if not points:
        return "You have not rated your activities yet. Rate them once a week to see how they change."
    latest = points[-1]
    score = f"Your activities score is {number(latest.mean)} out of 10"
    if len(points) == 1:
        return (
            f"{score} ({plural(latest.count, 'activity', 'activities')}). Rate them again next week to see the change."
        )
    first = points[0]
    difference = round(abs(latest.mean - first.mean), 1)
    side = "up" if latest.mean > first.mean else "down"
    since = f"{side} {number(difference)} from {number(first.mean)} when you first rated them"
    if difference == 0:
        since = f"the same as when you first rated them ({number(first.mean)})"
    direction = psfs_change(first.mean, latest.mean, latest.count)
    if direction == IMPROVED:
        return f"{score}, {since}: a meaningful improvement."
    if direction == WORSE:
        return (
            f"{score}, {since}: meaningfully worse. If your everyday activities keep getting harder, please see a "
            "doctor or physiotherapist."
        )
    return f"{score}, {since}: not a meaningful change yet."


@dataclass(frozen=True)
class PsfsPoint:
    day: date
    mean: float
    count: int


@dataclass
class DayPain:
    """One day's pain ratings and daily-routine sessions."""

    checkin: int | None = None
    before_sum: int = 0
    before_count: int = 0
    after_sum: int = 0
    after_count: int = 0
    sessions: int = 0

    @property
    def before(self) -> float | None:
        return self.before_sum / self.before_count if self.before_count else None

    @property
    def after(self) -> float | None:
        return self.after_sum / self.after_count if self.after_count else None


@dataclass(frozen=True)
class StoppedExercise:
    """An exercise the person stopped in a session because the pain stayed above the limit during a hold."""

    day: date
    because: str  # "You stopped the ... because the pain went above 5/10."
    peak_pain: int | None


@dataclass
class Progress:
    today: date
    start: date
    baseline: int | None
    target: int | None
    days: dict[date, DayPain]
    psfs: list[PsfsPoint]
    changes: list[tuple]
    stopped: list[StoppedExercise]

    @property
    def stopped_next(self) -> str:
        """What to do next after stopping an exercise for pain (clinical rules, section 6)."""
        return hold_stopped_words()[1]

    def day_list(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.today - self.start).days + 1)]

    def recent_average(self) -> float | None:
        """Mean of check-ins and before-session ratings of the last 7 days (the span the pain response reads).

        After-session ratings are left out: they show the stretch just done, not the day.
        """
        since = self.today - timedelta(days=RECENT_DAYS - 1)
        total, count = 0.0, 0
        for day, pain in self.days.items():
            if day >= since:
                if pain.checkin is not None:
                    total, count = total + pain.checkin, count + 1
                total, count = total + pain.before_sum, count + pain.before_count
        return total / count if count else None

    def weeks(self) -> dict[date, int]:
        """Daily-routine sessions per week (weeks start on Monday), including weeks before the period."""
        counts: dict[date, int] = defaultdict(int)
        for day, pain in self.days.items():
            counts[monday(day)] += pain.sessions
        return counts

    def sessions_lines(self) -> list[str]:
        weeks = self.weeks()
        this_monday = monday(self.today)
        earlier = [this_monday - timedelta(weeks=n) for n in range(1, AVERAGE_WEEKS + 1)]
        started = min(self.days, default=self.today)
        full = [w for w in earlier if w >= monday(started)]
        average = fmean(weeks.get(w, 0) for w in full) if full else None
        days_so_far = (self.today - this_monday).days + 1
        return sessions_summary(weeks.get(this_monday, 0), days_so_far, self.target, average)

    def period_weeks(self) -> list[date]:
        first, last = monday(self.start), monday(self.today)
        return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]

    def pain_table(self) -> list[tuple[str, str, str, str]]:
        """Weekly means within the period, as the table shows them: (week, check-ins, before, after sessions)."""
        sums: dict[date, list[int]] = defaultdict(lambda: [0] * 6)
        for day, pain in self.days.items():
            if day >= self.start:
                row = sums[monday(day)]
                if pain.checkin is not None:
                    row[0], row[1] = row[0] + pain.checkin, row[1] + 1
                row[2], row[3] = row[2] + pain.before_sum, row[3] + pain.before_count
                row[4], row[5] = row[4] + pain.after_sum, row[5] + pain.after_count
        table = []
        for week in self.period_weeks():
            row = sums.get(week, [0] * 6)
            means = [table_number(row[i] / row[i + 1] if row[i + 1] else None) for i in (0, 2, 4)]
            table.append((day_label(week, with_year=True), *means))
        return table

    def psfs_table(self) -> list[tuple[str, str, str]]:
        """Every rating day, as the table shows it: (day, score, activities rated)."""
        return [(day_label(p.day, with_year=True), table_number(p.mean), str(p.count)) for p in self.psfs]

    def chart_data(self) -> dict:
        """What progress.js draws, for json_script."""
        days = self.day_list()
        pains = [self.days.get(d, DayPain()) for d in days]
        weeks = self.period_weeks()
        counts = self.weeks()
        return {
            "pain": {
                "labels": [day_label(d, with_year=days[0].year != days[-1].year) for d in days],
                "checkin": [p.checkin for p in pains],
                "before": [rounded(p.before) for p in pains],
                "after": [rounded(p.after) for p in pains],
                "baseline": self.baseline,
                "band": meaningful_band(self.baseline) if self.baseline is not None else None,
            },
            "sessions": {
                "labels": [f"Week of {day_label(w)}" for w in weeks],
                "counts": [counts.get(w, 0) for w in weeks],
                "target": self.target,
            },
            "psfs": {
                "labels": [day_label(p.day, with_year=True) for p in self.psfs],
                "means": [round(p.mean, 1) for p in self.psfs],
            },
        }


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def day_label(day: date, with_year: bool = False) -> str:
    """E.g. "3 Jun 2026", as the date filter's "j M Y" shows it; the page makes hundreds, so no strftime."""
    month = MONTHS[day.month - 1]
    return f"{day.day} {month} {day.year}" if with_year else f"{day.day} {month}"


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def gather(user: User, plan: Plan | None, period: str) -> Progress:
    """Everything the Progress page shows, in five queries whatever the length of the history."""
    today = user.local_date()
    days = PERIODS[period]
    start = today - timedelta(days=days - 1) if days else None
    # The sessions average needs the full weeks before this one even for a short period.
    fetch_from = min(start, monday(today) - timedelta(weeks=AVERAGE_WEEKS)) if start else None
    daily = _daily(user, fetch_from)
    if start is None:
        start = min(daily, default=today - timedelta(days=PERIODS["4w"] - 1))
    schedule = plan.content.schedule if plan else None
    per_day = schedule.routines_per_day if schedule else None
    return Progress(
        today=today,
        start=start,
        baseline=plan.intake.parsed.pain.intensity if plan else None,
        target=per_day * 7 if per_day else None,
        days=daily,
        psfs=_psfs(user),
        changes=_changes(user),
        stopped=_stopped(user, start),
    )


def _daily(user: User, since: date | None) -> dict[date, DayPain]:
    days: dict[date, DayPain] = defaultdict(DayPain)
    checkins = CheckIn.objects.filter(user=user)
    sessions = SessionLog.objects.filter(user=user)
    if since:
        checkins = checkins.filter(date__gte=since)
        sessions = sessions.filter(local_date__gte=since)
    for day, pain in checkins.order_by().values_list("date", "pain"):
        days[day].checkin = pain
    rows = (
        sessions.order_by()
        .values("local_date")
        .annotate(
            daily=Count("id", filter=Q(routine=SessionLog.Routine.DAILY)),
            before_sum=Sum("pain_before"),
            before_count=Count("pain_before"),
            after_sum=Sum("pain_after"),
            after_count=Count("pain_after"),
        )
    )
    for row in rows:
        pain = days[row["local_date"]]
        pain.sessions = row["daily"]
        pain.before_sum, pain.before_count = row["before_sum"] or 0, row["before_count"]
        pain.after_sum, pain.after_count = row["after_sum"] or 0, row["after_count"]
    return dict(days)


def _psfs(user: User) -> list[PsfsPoint]:
    rows = (
        ActivityRating.objects.filter(activity__user=user)
        .order_by("date")
        .values("date")
        .annotate(mean=Avg("score"), count=Count("id"))
    )
    return [PsfsPoint(row["date"], float(row["mean"]), row["count"]) for row in rows]


def _stopped(user: User, since: date) -> list[StoppedExercise]:
    """The exercises stopped for pain during a hold since `since`, newest first (one query)."""
    rows = (
        ExerciseLog.objects.filter(session__user=user, session__local_date__gte=since, stopped=True)
        .order_by("-session__started_at", "position")
        .values_list("session__local_date", "exercise_id", "pain_during")[:STOPPED_SHOWN]
    )
    library = get_library()
    found = []
    for day, exercise_id, pain in rows:
        name = library.get(exercise_id).name if exercise_id in library else exercise_id.replace("-", " ")
        found.append(StoppedExercise(day, hold_stopped_words(f"the {name.lower()}")[0], pain))
    return found


def _changes(user: User) -> list[tuple]:
    """(when, [plain sentences]) for the newest pain-response updates of the plan."""
    rows = (
        Plan.objects.filter(user=user, source=Plan.Source.PAIN_RESPONSE)
        .order_by("-created", "-id")
        .values_list("created", "changes")[:CHANGES_SHOWN]
    )
    return [(created, change_texts(changes)) for created, changes in rows if changes]
