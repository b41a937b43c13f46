using System.Globalization;
using System.Text.Json;

namespace AdminUi.Pages.Audit;

/// <summary>One audit event as a table row: request events and staff actions share the columns.</summary>
public sealed class AuditRow(JsonElement e)
{
    public string Time => Text("@t") is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
        ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "";

    public string EventType => Text("EventType") == "staff_action" ? "staff" : "request";

    public bool Denied => Text("Decision") == "denied" || Text("Outcome") is "failed" or "locked_out";

    public string DecisionOrAction => Text("Decision") ?? Text("Action") ?? "";

    public string ReasonOrOutcome => Text("Reason") ?? Text("Outcome") ?? "";

    public string Who => Text("Actor") ?? (Number("TokenId") is { } token ? $"token {token} (client {Number("ClientId")})" : "—");

    public string Ip => Text("ClientIp") ?? Text("ActorIp") ?? "";

    public string What => Text("Path") is { } path ? $"{Text("Method")} {path}" : Text("Target") ?? "";

    public string Status => Number("Status")?.ToString(CultureInfo.InvariantCulture) ?? "";

    private string? Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private long? Number(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}
