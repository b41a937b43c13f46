using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gateway.Data;

/// <summary>Stores <see cref="DateTime"/> as UTC to the microsecond (<see cref="StoreClock"/>) and reads it back with <see cref="DateTimeKind.Utc"/>.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => StoreClock.Truncate(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
