using System.Globalization;

namespace Gateway.Sessions;

/// <summary>Whose session it is: a kind (<c>staff</c>, <c>client</c>) and that kind's id, as text.</summary>
public sealed record SessionSubject(string Kind, string Id)
{
    public const string StaffKind = "staff";
    public const string ClientKind = "client";

    /// <summary>A staff account's sessions (admin UI).</summary>
    public static SessionSubject Staff(long staffId) => new(StaffKind, staffId.ToString(CultureInfo.InvariantCulture));

    /// <summary>A billing client's sessions (client portal).</summary>
    public static SessionSubject Client(long clientId) => new(ClientKind, clientId.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => $"{Kind}:{Id}";
}
