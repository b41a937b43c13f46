namespace Gateway.Staff;

/// <summary>
/// The outcome of a sign-in step; the UI says the same thing for a wrong name, a wrong password, a disabled and a locked
/// account. After a right password, <see cref="Next"/> says whether a second factor is still due; <see cref="Stamp"/>
/// lets the next step check that nothing changed on the account in between.
/// </summary>
public sealed record SignInResult(
    SignInOutcome Outcome,
    StaffView? Account = null,
    DateTime? LockedUntil = null,
    SecondFactor Next = SecondFactor.None,
    string? Stamp = null);

public enum SignInOutcome
{
    Succeeded,
    Invalid,
    LockedOut,
}

/// <summary>What a sign-in still needs after the password.</summary>
public enum SecondFactor
{
    /// <summary>Nothing: signed in.</summary>
    None,

    /// <summary>A code from the account's authenticator (or a recovery code).</summary>
    Code,

    /// <summary>MFA is required and the account has no authenticator yet: enrol one now.</summary>
    Enrol,
}
