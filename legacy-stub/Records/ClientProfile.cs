namespace LegacyStub.Records;

/// <summary>The client's account profile, as <c>/api/v1/me</c> returns it.</summary>
public sealed record ClientProfile(
    long Id,
    string Firstname,
    string Lastname,
    string Companyname,
    string Email,
    string Address1,
    string City,
    string State,
    string Postcode,
    string Country,
    string Phonenumber,
    string CurrencyCode,
    string Status,
    DateTimeOffset CreatedAt);
