namespace Gateway.Data;

/// <summary>How many requests a token made on one UTC day (<c>token_usage_days</c>).</summary>
public sealed class TokenUsageDay
{
    public long TokenId { get; set; }

    public DateOnly Day { get; set; }

    public long Requests { get; set; }
}
