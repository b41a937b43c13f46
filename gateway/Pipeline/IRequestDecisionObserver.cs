namespace Gateway.Pipeline;

/// <summary>Looks back at a finished public request through its <see cref="RequestDecision"/> (the audit event, the failed-auth count).</summary>
public interface IRequestDecisionObserver
{
    /// <summary>
    /// Called once per public request, when its answer is done; the request is not done until the returned task is
    /// (the audit event is in the file first). Must not throw.
    /// </summary>
    ValueTask CompletedAsync(RequestDecision decision);
}
