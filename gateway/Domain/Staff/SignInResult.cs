namespace Gateway.Staff;

/// <summary>The outcome of a sign-in attempt; the UI says the same thing for a wrong name and a wrong password.</summary>
public sealed record SignInResult(SignInOutcome Outcome, StaffView? Account = null, DateTime? LockedUntil = null);

public enum SignInOutcome
{
    Succeeded,
    Invalid,
    LockedOut,
}
