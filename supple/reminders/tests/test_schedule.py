"""The pure schedule (supple.domain.reminders): desk breaks, routine and follow-up, across zones and DST."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.domain.reminders import (
    FOLLOW_UP,
    ROUTINE,
    Schedule,
    desk_breaks,
    email_due_at,
    follow_up_time,
    is_quiet,
    next_email,
    problems,
    routine_time,
    wall_clock,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
TUESDAY = date(2026, 3, 10)
# The clocks change: London forward on 29 March and back on 25 October 2026; New York forward
# on 8 March and back on 1 November; Sydney back on 5 April.
LONDON_SPRING, LONDON_AUTUMN = date(2026, 3, 29), date(2026, 10, 25)
NEW_YORK_SPRING, NEW_YORK_AUTUMN = date(2026, 3, 8), date(2026, 11, 1)
SYDNEY_AUTUMN = date(2026, 4, 5)


def hhmm(moments: list[datetime]) -> list[str]:
    return [m.strftime("%H:%M") for m in moments]


def test_the_defaults_give_eight_hourly_breaks_through_a_working_day():
    # 50 minutes would make ten breaks from 09:00 to 17:30; the limit of eight spreads them to hourly.
    breaks = desk_breaks(Schedule(zone=LONDON), TUESDAY)
    assert hhmm(breaks) == ["10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"]
    assert all(b.tzinfo is LONDON for b in breaks)


def test_breaks_come_at_the_persons_interval_when_the_limit_allows():
    schedule = Schedule(zone=LONDON, break_minutes=50, max_breaks=12)
    assert hhmm(desk_breaks(schedule, TUESDAY)) == [
        "09:50", "10:40", "11:30", "12:20", "13:10", "14:00", "14:50", "15:40", "16:30", "17:20",
    ]  # fmt: skip


def test_there_are_no_desk_breaks_on_days_off():
    schedule = Schedule(zone=LONDON, working_days=frozenset({0, 1, 2}))
    assert desk_breaks(schedule, TUESDAY) != []
    assert desk_breaks(schedule, TUESDAY + timedelta(days=2)) == []  # Thursday
    assert desk_breaks(Schedule(zone=LONDON), date(2026, 3, 14)) == []  # Saturday


def test_breaks_never_fall_in_quiet_hours():
    schedule = Schedule(zone=LONDON, quiet_start=time(14, 30), quiet_end=time(16, 0))
    assert hhmm(desk_breaks(schedule, TUESDAY)) == ["10:00", "11:00", "12:00", "13:00", "14:00", "16:00", "17:00"]


def test_quiet_hours_may_run_past_midnight():
    schedule = Schedule(zone=LONDON)  # 21:00 to 07:30
    assert is_quiet(schedule, time(23, 0)) and is_quiet(schedule, time(3, 0)) and is_quiet(schedule, time(21, 0))
    assert not is_quiet(schedule, time(7, 30)) and not is_quiet(schedule, time(12, 0))


def test_breaks_are_in_the_persons_own_clock_in_two_time_zones():
    london = desk_breaks(Schedule(zone=LONDON), TUESDAY)
    new_york = desk_breaks(Schedule(zone=NEW_YORK), TUESDAY)
    assert hhmm(london) == hhmm(new_york)
    assert london[0].astimezone(UTC).hour == 10  # GMT
    assert new_york[0].astimezone(UTC).hour == 14  # EDT, UTC-4


def test_the_wall_clock_stays_the_same_across_a_daylight_saving_change():
    schedule = Schedule(zone=LONDON)
    before, after = desk_breaks(schedule, date(2026, 3, 27)), desk_breaks(schedule, date(2026, 3, 30))
    assert hhmm(before) == hhmm(after)
    assert before[0].utcoffset() == timedelta(0) and after[0].utcoffset() == timedelta(hours=1)
    assert after[0].astimezone(UTC).hour == 9


def test_a_time_that_does_not_exist_moves_forward_by_the_gap():
    # 02:30 does not happen in New York on 8 March 2026: the clocks jump from 02:00 to 03:00.
    moment = wall_clock(NEW_YORK_SPRING, time(2, 30), NEW_YORK)
    assert (moment.hour, moment.minute) == (3, 30)
    assert moment.utcoffset() == timedelta(hours=-4)
    # London jumps from 01:00 to 02:00 on 29 March.
    assert wall_clock(LONDON_SPRING, time(1, 15), LONDON).strftime("%H:%M %Z") == "02:15 BST"


def test_a_time_that_happens_twice_is_taken_the_first_time():
    # 01:30 happens twice in New York on 1 November 2026: first in EDT (UTC-4), then EST.
    moment = wall_clock(NEW_YORK_AUTUMN, time(1, 30), NEW_YORK)
    assert moment.utcoffset() == timedelta(hours=-4)
    assert moment.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    # Sydney goes back from 03:00 to 02:00 on 5 April: 02:30 first in AEDT (UTC+11).
    assert wall_clock(SYDNEY_AUTUMN, time(2, 30), SYDNEY).utcoffset() == timedelta(hours=11)


def test_a_routine_time_in_the_gap_is_moved_forward():
    schedule = Schedule(zone=NEW_YORK, routine_at=time(2, 30), quiet_start=time(23, 0), quiet_end=time(1, 0))
    assert routine_time(schedule, NEW_YORK_SPRING).strftime("%H:%M") == "03:30"
    assert routine_time(schedule, NEW_YORK_SPRING + timedelta(days=1)).strftime("%H:%M") == "02:30"


def test_breaks_through_a_night_shift_follow_real_elapsed_time_across_the_change():
    # Working 00:00 to 06:00 on the night the clocks go forward: five real hours, so hourly breaks
    # come at 01:00, then 03:00 (an hour after 01:00, since 02:00 never happens), 04:00 and 05:00.
    schedule = Schedule(
        zone=NEW_YORK,
        working_days=frozenset(range(7)),
        work_start=time(0, 0),
        work_end=time(6, 0),
        break_minutes=60,
        quiet_start=time(12, 0),
        quiet_end=time(13, 0),
        routine_at=time(8, 0),
    )
    breaks = desk_breaks(schedule, NEW_YORK_SPRING)
    assert hhmm(breaks) == ["01:00", "03:00", "04:00", "05:00"]
    gaps = {b.astimezone(UTC) - a.astimezone(UTC) for a, b in pairwise(breaks)}
    assert gaps == {timedelta(hours=1)}
    # On the night they go back, there is an extra real hour: 01:00 happens twice.
    autumn = desk_breaks(schedule, NEW_YORK_AUTUMN)
    assert hhmm(autumn) == ["01:00", "01:00", "02:00", "03:00", "04:00", "05:00"]
    assert autumn[0].utcoffset() == timedelta(hours=-4) and autumn[1].utcoffset() == timedelta(hours=-5)


def test_the_follow_up_comes_at_seven_in_the_evening_or_an_hour_before_quiet_hours():
    assert follow_up_time(Schedule(zone=LONDON), TUESDAY).strftime("%H:%M") == "19:00"
    early_night = Schedule(zone=LONDON, quiet_start=time(18, 30), quiet_end=time(7, 0))
    assert follow_up_time(early_night, TUESDAY).strftime("%H:%M") == "17:30"
    late_routine = Schedule(zone=LONDON, routine_at=time(19, 30))
    assert follow_up_time(late_routine, TUESDAY) is None


def test_next_email_walks_through_routine_and_follow_up_day_by_day():
    schedule = Schedule(zone=NEW_YORK)
    morning = datetime(2026, 3, 10, 8, tzinfo=NEW_YORK)
    assert next_email(schedule, morning - timedelta(minutes=1)) == (ROUTINE, morning)
    assert next_email(schedule, morning) == (FOLLOW_UP, datetime(2026, 3, 10, 19, tzinfo=NEW_YORK))
    assert next_email(schedule, datetime(2026, 3, 10, 19, tzinfo=NEW_YORK)) == (ROUTINE, morning + timedelta(days=1))


def test_next_email_crosses_the_daylight_saving_change():
    schedule = Schedule(zone=LONDON)
    evening = datetime(2026, 3, 28, 19, tzinfo=LONDON)  # GMT
    kind, moment = next_email(schedule, evening)
    assert kind == ROUTINE and moment.strftime("%d %H:%M %Z") == "29 08:00 BST"
    assert moment - evening.astimezone(UTC) == timedelta(hours=12)  # one hour less than usual


def test_email_due_at_names_the_email_of_an_exact_moment():
    schedule = Schedule(zone=LONDON)
    assert email_due_at(schedule, datetime(2026, 3, 10, 8, tzinfo=LONDON)) == ROUTINE
    assert email_due_at(schedule, datetime(2026, 3, 10, 19, tzinfo=LONDON)) == FOLLOW_UP
    assert email_due_at(schedule, datetime(2026, 3, 10, 9, tzinfo=LONDON)) is None


def test_a_good_schedule_has_no_problems():
    assert problems(Schedule(zone=LONDON)) == {}
    assert problems(Schedule(zone=SYDNEY, working_days=frozenset({5, 6}), quiet_start=time(0, 0))) == {}


def test_each_impossible_setting_is_named():
    base = Schedule(zone=LONDON)
    assert problems(replace(base, work_end=time(8, 0))) == {"work_end": "Your working day must end after it starts."}
    assert "break_minutes" in problems(replace(base, break_minutes=0))
    assert "break_minutes" in problems(replace(base, break_minutes=181))
    assert "max_breaks" in problems(replace(base, max_breaks=0))
    assert "working_days" in problems(replace(base, working_days=frozenset()))
    assert "quiet_end" in problems(replace(base, quiet_start=time(22, 0), quiet_end=time(22, 0)))
    assert "routine_at" in problems(replace(base, routine_at=time(6, 0)))


def test_quiet_hours_covering_the_whole_working_day_are_a_problem():
    night_owl = Schedule(zone=LONDON, quiet_start=time(8, 0), quiet_end=time(18, 0), routine_at=time(19, 0))
    assert problems(night_owl) == {
        "quiet_start": "Your quiet hours cover your whole working day, so no desk break could reach you."
    }


def test_a_working_day_shorter_than_the_interval_is_a_problem():
    short = Schedule(zone=LONDON, work_start=time(9, 0), work_end=time(9, 40), break_minutes=50)
    assert "break_minutes" in problems(short)


ZONES = st.sampled_from([LONDON, NEW_YORK, SYDNEY, ZoneInfo("Asia/Kolkata"), ZoneInfo("Pacific/Chatham")])
TIMES = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@settings(derandomize=True, max_examples=300, deadline=None, database=None)
@given(
    zone=ZONES,
    day=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    start=TIMES,
    end=TIMES,
    every=st.integers(15, 180),
    limit=st.integers(1, 30),
    quiet_start=TIMES,
    quiet_end=TIMES,
)
def test_breaks_always_respect_the_working_day_quiet_hours_and_the_limit(
    zone, day, start, end, every, limit, quiet_start, quiet_end
):
    schedule = Schedule(
        zone=zone,
        working_days=frozenset(range(7)),
        work_start=start,
        work_end=end,
        break_minutes=every,
        quiet_start=quiet_start,
        quiet_end=quiet_end,
        max_breaks=limit,
    )
    breaks = desk_breaks(schedule, day)
    assert len(breaks) <= limit
    first, last = wall_clock(day, start, zone), wall_clock(day, end, zone)
    instants = [b.astimezone(UTC) for b in breaks]
    assert instants == sorted(set(instants))
    for moment in breaks:
        assert first < moment < last and moment.tzinfo is zone
        assert not is_quiet(schedule, moment.time())
    for a, b in pairwise(instants):
        assert b - a >= timedelta(minutes=every)
