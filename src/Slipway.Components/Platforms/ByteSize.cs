using System.Globalization;

namespace Slipway.Components.Platforms;

/// <summary>Sizes as people read them in a log line: <c>812 B</c>, <c>239 KB</c>, <c>183 MB</c>, <c>1.2 GB</c> (powers of 1000).</summary>
internal static class ByteSize
{
    public static string Describe(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 999.5 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        var format = unit == 0 || value >= 9.95 ? "0" : "0.0";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
