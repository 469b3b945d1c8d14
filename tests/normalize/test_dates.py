import pytest

from armswatch.normalize.dates import date_from_url, parse_published


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("1692353702000", "2023-08-18T10:15:02+00:00"),  # epoch ms is UTC
        ("1692353702", "2023-08-18T10:15:02+00:00"),
        ("1/20/2024 12:51 PM UTC", "2024-01-20T12:51:00+00:00"),
        ("1/5/2024 9:48 AM UTC", "2024-01-05T09:48:00+00:00"),
        ("12/31/2023 12:05 AM UTC", "2023-12-31T00:05:00+00:00"),
        ("2021-06-17T21:59:03.000Z", "2021-06-17T21:59:03+00:00"),
        ("2020-10-21T22:58:23+08:00", "2020-10-21T22:58:23+08:00"),
        ("2021-07-05 10:34:45", "2021-07-05T10:34:45"),
        ("2022-10-13", "2022-10-13"),
        ("2022年10月13日", "2022-10-13"),
        ("2026年02月04日 08:30", "2026-02-04T08:30:00"),
        ("18/08/2023 - 11:59", "2023-08-18T11:59:00"),
        ("Thu, 17 Jun 2021 21:53:17 GMT", "2021-06-17T21:53:17+00:00"),
        ("Wed, 20 Apr 2022 15:12:00 +0800", "2022-04-20T15:12:00+08:00"),
        ("", None),
        ("not a date", None),
        ("2023-02-30", None),
    ],
)
def test_parse_published(raw, want):
    assert parse_published(raw) == want


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("https://hk.aboluowang.com/2022/1013/1815244.html", "2022-10-13"),
        ("https://cn.nytimes.com/usa/20200702/trump-russia-china-nuclear/", "2020-07-02"),
        ("https://www.nytimes.com/2021/07/02/world/asia/china-missile-silos.html", "2021-07-02"),
        ("https://www.rfi.fr/cn/x/20230818-title", "2023-08-18"),
        ("https://gnews.org/articles/2236712", None),
        (None, None),
    ],
)
def test_date_from_url(url, want):
    assert date_from_url(url) == want
