namespace Gateway.Audit;

/// <summary>How long the forwarding step took, for the audit event.</summary>
public sealed class UpstreamTiming
{
    public double Milliseconds { get; set; }
}
