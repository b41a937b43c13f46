namespace LegacyStub;

/// <summary>How one seeded client signs in at the stub's OpenID Connect provider (plain text: for the demo and tests only).</summary>
public sealed record SeedLogin(long ClientId, string Email, string Password);
