using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Gateway.Settings;

/// <summary>
/// Reads a settings section before the configuration binder does, so that a value the binder cannot convert
/// (<c>Provider=banana</c>, <c>PermitsPerMinute=lots</c>) fails the start naming the setting, its environment variable
/// and the values it accepts, instead of the binder's bare "Requested value 'banana' was not found". Registered by
/// <see cref="SettingsExtensions.BindSettings{T}"/> ahead of the binding.
/// </summary>
public sealed class SettingsCheck<T>(string section, IConfiguration configuration) : IConfigureOptions<T>
    where T : class
{
    public string Section { get; } = section;

    public void Configure(T options)
    {
        var problems = SettingsReader.Problems(configuration.GetSection(Section), typeof(T));
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(Section, typeof(T), problems);
        }
    }
}

/// <summary>What each kind of setting accepts, and which values in a section do not fit.</summary>
public static class SettingsReader
{
    /// <summary>One message per value under <paramref name="section"/> that cannot become its property's type.</summary>
    public static IReadOnlyList<string> Problems(IConfigurationSection section, Type type)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(type);
        var problems = new List<string>();
        Check(section, type, problems);
        return problems;
    }

    /// <summary>What a setting of <paramref name="type"/> accepts, in words (for messages and docs).</summary>
    public static string Accepted(Type type, PropertyInfo? property = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        var range = property?.GetCustomAttribute<RangeAttribute>();
        var between = range is null ? "" : $" between {range.Minimum} and {range.Maximum}";
        return type switch
        {
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(TimeSpan) => $"a duration as [d.]hh:mm:ss[.fff] (e.g. 00:00:01 for a second){between}",
            _ when type == typeof(int) || type == typeof(long) => $"a whole number{between}",
            _ when type == typeof(double) => $"a number{between}",
            _ => "text",
        };
    }

    private static void Check(IConfigurationSection section, Type type, List<string> problems)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || IsCollection(p.PropertyType)))
        {
            var child = section.GetSection(property.Name);
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsSimple(kind))
            {
                if (child.Value is { } value && !Fits(kind, value))
                {
                    problems.Add(Message(child.Path, value, Accepted(kind, property)));
                }
            }
            else if (ElementType(kind) is { } element)
            {
                foreach (var item in child.GetChildren())
                {
                    if (IsSimple(element) && item.Value is { } value && !Fits(element, value))
                    {
                        problems.Add(Message(item.Path, value, Accepted(element)));
                    }
                    else if (!IsSimple(element))
                    {
                        Check(item, element, problems);
                    }
                }
            }
            else if (kind.IsClass && kind != typeof(string) && child.Exists())
            {
                Check(child, kind, problems);
            }
        }
    }

    // Not the value itself when it may be a secret: only short, plain values are echoed.
    private static string Message(string path, string value, string accepted) =>
        $"{path} (environment {path.Replace(":", "__", StringComparison.Ordinal)}) = '{(value.Length <= 40 ? value : value[..40] + "…")}' is not valid: use {accepted}.";

    private static bool Fits(Type type, string value) => type switch
    {
        _ when type.IsEnum => Enum.GetNames(type).Contains(value.Trim(), StringComparer.OrdinalIgnoreCase),
        _ when type == typeof(bool) => bool.TryParse(value, out _),
        _ when type == typeof(TimeSpan) => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ => true,
    };

    private static bool IsSimple(Type type) => type.IsEnum || type.IsPrimitive || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal) || type == typeof(Uri);

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static Type? ElementType(Type type)
    {
        if (!IsCollection(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var generic = type.IsGenericType ? type.GetGenericArguments() : [];
        return generic.Length switch
        {
            1 => generic[0],
            2 => generic[1],
            _ => null,
        };
    }
}
