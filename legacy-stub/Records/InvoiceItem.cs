namespace LegacyStub.Records;

/// <summary>One line of an invoice.</summary>
public sealed record InvoiceItem(string Description, string Amount);
