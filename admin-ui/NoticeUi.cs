using Gateway.Notices;

namespace AdminUi;

/// <summary>How the delivery log colours a delivery: failed red, pending yellow, sent plain.</summary>
public static class NoticeUi
{
    public static string RowClass(string status) => status switch
    {
        DeliveryStatus.Failed => "row-expired",
        DeliveryStatus.Pending => "row-expiring",
        _ => "row-active",
    };
}
