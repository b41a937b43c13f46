using Microsoft.Extensions.Options;

namespace Gateway.Settings;

public static class SettingsExtensions
{
    /// <summary>
    /// <c>BindConfiguration</c>, preceded by <see cref="SettingsCheck{T}"/>: a value that is not of its setting's type
    /// fails with a message naming the setting and what it accepts. Use it for every options class.
    /// </summary>
    public static OptionsBuilder<T> BindSettings<T>(this OptionsBuilder<T> builder, string section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IConfigureOptions<T>>(services => new SettingsCheck<T>(section, services.GetRequiredService<IConfiguration>()));
        return builder.BindConfiguration(section);
    }
}
