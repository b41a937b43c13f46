using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>
/// The one expiry rule for every path (DESIGN §4): no date given means today + 1 year; a maximum lifetime (the
/// global setting and the client's own, whichever is shorter) caps the default and refuses "never" and later dates.
/// </summary>
public sealed class ExpiryRules(TokenLifetime lifetime, IOptions<TokenOptions> options)
{
    /// <summary>The default lifetime of a new token, whoever creates it.</summary>
    public const int DefaultYears = 1;

    private readonly int? _globalMaxDays = options.Value.MaxLifetimeDays;

    /// <summary>The latest last-valid-day allowed today, or null when no maximum applies.</summary>
    public DateOnly? Latest(int? clientMaxDays)
    {
        var days = (_globalMaxDays, clientMaxDays) switch
        {
            ({ } global, { } client) => Math.Min(global, client),
            ({ } global, null) => global,
            (null, { } client) => client,
            _ => (int?)null,
        };
        return days is { } d ? lifetime.Today.AddDays(d) : null;
    }

    /// <summary>The date a form pre-fills and a request without one gets: today + 1 year, capped by the maximum.</summary>
    public DateOnly Default(int? clientMaxDays)
    {
        var standard = lifetime.Today.AddYears(DefaultYears);
        return Latest(clientMaxDays) is { } latest && latest < standard ? latest : standard;
    }

    /// <summary>The expiry to store for <paramref name="spec"/>, or the reason it is refused.</summary>
    public DateOnly? Resolve(TokenSpec spec, int? clientMaxDays)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.NeverExpires)
        {
            return Latest(clientMaxDays) is { } latest
                ? throw TokenRules.Invalid("expiresOn", $"Tokens must expire (maximum lifetime): pick a date on or before {latest:yyyy-MM-dd}.")
                : null;
        }

        return spec.ExpiresOn is { } date ? Check(date, clientMaxDays) : Default(clientMaxDays);
    }

    /// <summary>A chosen date: not in the past and not past the maximum lifetime.</summary>
    public DateOnly Check(DateOnly date, int? clientMaxDays)
    {
        if (date < lifetime.Today)
        {
            throw TokenRules.Invalid("expiresOn", $"Expiry date {date:yyyy-MM-dd} is in the past; use today or a later date.");
        }

        if (Latest(clientMaxDays) is { } latest && date > latest)
        {
            throw TokenRules.Invalid("expiresOn", $"Expiry date {date:yyyy-MM-dd} is past the maximum lifetime; use {latest:yyyy-MM-dd} or earlier.");
        }

        return date;
    }
}
