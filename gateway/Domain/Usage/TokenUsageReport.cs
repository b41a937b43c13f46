namespace Gateway.Usage;

/// <summary>A token's usage history, as the per-token admin page shows it.</summary>
/// <param name="Days">One entry per day of the window, oldest first, zero where the token was not used.</param>
/// <param name="ClientIps">Client addresses, most recently seen first, at most <see cref="TokenUsageService.MaxClientIps"/>.</param>
public sealed record TokenUsageReport(IReadOnlyList<DailyUsage> Days, IReadOnlyList<ClientIpUsage> ClientIps);
