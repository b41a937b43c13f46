using System.Collections;
using System.Reflection;
using Gateway.Tokens;

namespace Gateway.Tests.Docs;

/// <summary>
/// One setting of an options class as the configuration binder sees it: its full key (<c>&lt;&gt;</c> for a dictionary key
/// or a list index), its type, and its default (the property initializer, on a fresh instance).
/// </summary>
internal sealed record OptionsSetting(string Key, Type Type, PropertyInfo Property, object? Default)
{
    /// <summary>Where it is declared, for messages: <c>TokenOptions.Prefix</c>.</summary>
    public string Declared => $"{Property.DeclaringType!.Name}.{Property.Name}";

    /// <summary>
    /// Every setting of the given options classes (<see cref="BoundOptions.Discover"/>), recursing into nested option
    /// objects and element types as the binder does.
    /// </summary>
    public static IReadOnlyList<OptionsSetting> All(IEnumerable<(Type Type, string Section)> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var settings = new List<OptionsSetting>();
        foreach (var (type, section) in classes)
        {
            if (type == typeof(ScopeCatalogOptions))
            {
                // Bound at the section itself: TokenExtensions binds the Scopes array of scopes.json into options.Scopes.
                Collect(typeof(ScopeDefinition), section + ":<>", new ScopeDefinition(), settings);
                continue;
            }

            Collect(type, section, Activator.CreateInstance(type)!, settings);
        }

        return settings;
    }

    /// <summary>Whether a value of this type is one configuration value (not a section).</summary>
    public static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum || type.IsPrimitive || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal) || type == typeof(Uri);
    }

    /// <summary>The element type of a list (or the value type of a dictionary); null for anything else.</summary>
    public static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var arguments = type.IsGenericType ? type.GetGenericArguments() : [];
        return arguments.Length switch
        {
            1 => arguments[0],
            2 => arguments[1],
            _ => null,
        };
    }

    private static void Collect(Type type, string prefix, object instance, List<OptionsSetting> settings)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(IsBound))
        {
            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(instance);
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsSimple(kind))
            {
                settings.Add(new OptionsSetting(key, kind, property, value));
            }
            else if (ElementType(kind) is { } element)
            {
                var isDictionary = kind.IsGenericType && kind.GetGenericArguments().Length == 2;
                if (IsSimple(element))
                {
                    settings.Add(new OptionsSetting(isDictionary ? key + ":<>" : key, kind, property, value));
                }
                else
                {
                    Collect(element, key + ":<>", Activator.CreateInstance(element)!, settings);
                }
            }
            else
            {
                Collect(kind, key, value ?? Activator.CreateInstance(kind)!, settings);
            }
        }
    }

    // What the binder writes: settable properties, and collections it can fill in place (get-only lists).
    private static bool IsBound(PropertyInfo property) =>
        property.GetIndexParameters().Length == 0
        && property.GetMethod is { IsPublic: true }
        && (property.SetMethod is { IsPublic: true } || ElementType(property.PropertyType) is not null);
}
