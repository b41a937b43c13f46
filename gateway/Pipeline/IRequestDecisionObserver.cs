namespace Gateway.Pipeline;

/// <summary>Looks back at a finished public request through its <see cref="RequestDecision"/> (the audit event, the failed-auth count).</summary>
public interface IRequestDecisionObserver
{
    /// <summary>Called once per public request, when its answer is done; must not throw.</summary>
    void Completed(RequestDecision decision);
}
