using System.Globalization;
using Gateway.Tokens;

namespace Gateway.Cli;

/// <summary>How the CLI prints and parses tokens, dates and durations.</summary>
public static class CliFormat
{
    public static readonly string[] TokenColumns =
        ["ID", "CLIENT", "NAME", "HINT", "STATUS", "SCOPES", "ROLES", "ALLOWED IPS", "EXPIRES", "LAST USED", "CREATED"];

    public static IReadOnlyList<string> TokenRow(TokenView t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return
        [
            Invariant(t.Id), Invariant(t.ClientId), t.Name, t.Hint, Status(t.Status), Join(t.Scopes), Join(t.Roles),
            t.AllowedIps.Count == 0 ? "any" : Join(t.AllowedIps), Expiry(t.ExpiresOn), LastUsed(t), Time(t.CreatedAt),
        ];
    }

    /// <summary>One token as "field: value" lines.</summary>
    public static void TokenDetails(CliOutput output, TokenView t)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(t);
        output.Line($"id:           {t.Id}");
        output.Line($"client:       {t.ClientId}");
        output.Line($"name:         {t.Name}");
        output.Line($"hint:         {t.Hint}");
        output.Line($"status:       {Status(t.Status)}");
        output.Line($"scopes:       {Join(t.Scopes)}");
        output.Line($"roles:        {Join(t.Roles)}");
        output.Line($"allowed ips:  {(t.AllowedIps.Count == 0 ? "any" : Join(t.AllowedIps))}");
        output.Line($"expires:      {Expiry(t.ExpiresOn)}");
        output.Line($"rate limit:   {(t.RateLimitPerMinute is { } limit ? $"{limit}/min" : "default")}");
        output.Line($"last used:    {LastUsed(t)}");
        output.Line($"created:      {Time(t.CreatedAt)} by {t.CreatedBy}");
        if (t.RevokedAt is { } revoked)
        {
            // A rolled token in its overlap is still live: say when it stops rather than "revoked".
            var label = t.Status == TokenStatus.Revoked ? "revoked:      " : "retires at:   ";
            output.Line($"{label}{Time(revoked)} by {t.RevokedBy}{(t.RevokeReason is null ? "" : $" ({t.RevokeReason})")}");
            if (t.LeakedUrl is { } url)
            {
                output.Line($"leaked at:    {url}");
            }
        }
    }

    /// <summary>"never"/"none" or a yyyy-MM-dd date.</summary>
    public static bool TryParseExpiry(string text, out DateOnly? expiry)
    {
        ArgumentNullException.ThrowIfNull(text);
        expiry = null;
        if (text is "never" or "none")
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            expiry = date;
            return true;
        }

        return false;
    }

    /// <summary>A duration like <c>90s</c>, <c>30m</c>, <c>24h</c>, <c>7d</c>, <c>0</c> or <c>1.12:00:00</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0 && amount < 1e6)
        {
            TimeSpan? parsed = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (parsed is { } value)
            {
                duration = value;
                return true;
            }
        }

        // A bare number would read as days: ask for a unit (or a full d.hh:mm:ss) instead.
        return text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration)
            && duration >= TimeSpan.Zero;
    }

    public static string[] SplitList(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    public static string Join(IEnumerable<string> values) => values.Any() ? string.Join(",", values) : "-";

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Expiry(DateOnly? expiresOn) => expiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never";

    public static string Status(TokenStatus status) => status switch
    {
        TokenStatus.ExpiringSoon => "expiring soon",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string LastUsed(TokenView t) => t.LastUsedAt is { } used ? $"{Time(used)} from {t.LastUsedIp}" : "never";
}
