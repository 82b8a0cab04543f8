import datetime as dt

import pytest

from newsdossier.language.dates import dates_in

DATES = [
    ("نشرت في: 05/02/2022 – 11:10", [dt.date(2022, 2, 5)]),
    ("في 17 مايو 2024 وصل", [dt.date(2024, 5, 17)]),
    ("يوم 17 أيار/مايو 2024", [dt.date(2024, 5, 17)]),
    ("في فبراير/شباط 2022", [dt.date(2022, 2, 1)]),
    ("في ٤ شباط ٢٠٢٢", [dt.date(2022, 2, 4)]),
    ("في 4 كانون الثاني 2023", [dt.date(2023, 1, 4)]),
    ("في أكتوبر/تشرين الأول 2019، ذكر", [dt.date(2019, 10, 1)]),
    ("عام 2023 وحده", []),
    ("31/02/2022 ليس تاريخًا", []),
]


@pytest.mark.parametrize("text, dates", DATES, ids=[t for t, _ in DATES])
def test_dates_in_text(text, dates):
    assert dates_in(text) == dates
