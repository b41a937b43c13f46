namespace LegacyStub.Provider;

/// <summary>A billing client as the provider knows it: who it is, what it is called, and its password's hash.</summary>
internal sealed record ClientAccount(long ClientId, string Email, string GivenName, string FamilyName, string PasswordHash)
{
    /// <summary>The <c>sub</c> claim: the billing client id, as the relying party maps it onto its own records.</summary>
    public string Subject => ClientId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Name => $"{GivenName} {FamilyName}";
}
