namespace LegacyStub.Records;

/// <summary>A hosting product the client subscribes to.</summary>
public sealed record Service(
    long Id,
    string Product,
    string Domain,
    string Status,
    string BillingCycle,
    string RecurringAmount,
    DateOnly NextDueDate,
    string ServerHostname,
    string? DedicatedIp);
