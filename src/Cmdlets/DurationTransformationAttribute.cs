using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Lets a TimeSpan parameter take what `aws logs tail --since` takes (30s, 5m, 1h, 2d, 1w) as well as '00:05:00' and
/// a TimeSpan. A bare number is refused: PowerShell would read it as ticks.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    private static readonly Regex WithUnit = new Regex(@"^\s*(\d{1,6})\s*([smhdw])\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case string text when WithUnit.Match(text) is { Success: true } match:
                var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                return char.ToLowerInvariant(match.Groups[2].Value[0]) switch
                {
                    's' => TimeSpan.FromSeconds(count),
                    'm' => TimeSpan.FromMinutes(count),
                    'h' => TimeSpan.FromHours(count),
                    'd' => TimeSpan.FromDays(count),
                    _ => TimeSpan.FromDays(7 * count),
                };
            case string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span):
                return span;
            case int or long or double or decimal:
                throw new ArgumentTransformationMetadataException($"'{value}' has no unit: give one, as in 30s, 5m, 1h or 2d, or a TimeSpan such as '00:05:00'.");
            default:
                return inputData;
        }
    }
}
