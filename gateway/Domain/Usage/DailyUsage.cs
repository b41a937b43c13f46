namespace Gateway.Usage;

/// <summary>Requests a token made on one UTC day.</summary>
public sealed record DailyUsage(DateOnly Day, long Requests);
