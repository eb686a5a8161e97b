namespace Tsdb.Query.Engine;

/// <summary>UTC calendar fields of a Unix time in seconds, valid for any 64-bit time (proleptic Gregorian).</summary>
internal static class CalendarFields
{
    public static Func<long, double> Get(string name) => name switch
    {
        "minute" => static s => FloorMod(s, 3600) / 60,
        "hour" => static s => FloorMod(s, 86400) / 3600,
        "day_of_week" => static s => FloorMod(FloorDiv(s, 86400) + 4, 7),
        "day_of_month" => static s => Civil(s).Day,
        "day_of_year" => static s => DayOfYear(Civil(s)),
        "days_in_month" => static s => { var c = Civil(s); return DaysInMonth(c.Year, c.Month); },
        "month" => static s => Civil(s).Month,
        "year" => static s => Civil(s).Year,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static long FloorDiv(long a, long b) => a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);

    private static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

    /// <summary>Year, month, day of the day containing second <paramref name="s"/> (Howard Hinnant's civil_from_days).</summary>
    private static (long Year, int Month, int Day) Civil(long s)
    {
        long z = FloorDiv(s, 86400) + 719468;
        long era = FloorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int)(doy - (153 * mp + 2) / 5 + 1);
        int m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }

    private static bool IsLeap(long y) => y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);

    private static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static int DayOfYear((long Year, int Month, int Day) c)
    {
        int days = c.Day;
        for (int m = 1; m < c.Month; m++) days += DaysInMonth(c.Year, m);
        return days;
    }
}
