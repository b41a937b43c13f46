using System.Globalization;

namespace LegacyStub.Api;

/// <summary>
/// <c>?page</c> and <c>?per_page</c>, forgiving like the backend: anything unusable falls back to the
/// default, and numbers too large for an int saturate instead of overflowing.
/// </summary>
internal readonly record struct PageRequest(int Page, int PerPage)
{
    public const int DefaultPerPage = 25;
    public const int MaxPerPage = 100;

    public static PageRequest FromQuery(string? rawQuery)
    {
        var page = PositiveCount(QueryString.LastValue(rawQuery, "page")) ?? 1;
        var perPage = PositiveCount(QueryString.LastValue(rawQuery, "per_page")) ?? DefaultPerPage;
        return new PageRequest(page, Math.Min(perPage, MaxPerPage));
    }

    public ListEnvelope<T> Slice<T>(IReadOnlyList<T> items)
    {
        var total = items.Count;
        var lastPage = Math.Max(1, (total + PerPage - 1) / PerPage);

        // long: (page - 1) * per_page exceeds int for the huge pages clients like to try.
        var skip = (long)(Page - 1) * PerPage;
        IReadOnlyList<T> data = skip >= total ? [] : [.. items.Skip((int)skip).Take(PerPage)];

        return new ListEnvelope<T>(data, new PageMeta(Page, PerPage, total, lastPage));
    }

    /// <summary>A whole number of at least 1, or null for empty, non-numeric, zero or negative input.</summary>
    private static int? PositiveCount(string? value)
    {
        var digits = value?.Trim().TrimStart('+');
        if (string.IsNullOrEmpty(digits) || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return int.MaxValue;
        }

        return number >= 1 ? number : null;
    }
}
