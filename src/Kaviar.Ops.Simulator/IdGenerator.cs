using System;
using System.Text;

namespace Kaviar.Ops.Simulator;

/// <summary>AWS-shaped identifiers from a seeded generator: the same scenario yields the same task ids every run.</summary>
public sealed class IdGenerator
{
    private readonly Random _random;

    public IdGenerator(int seed) => _random = new Random(seed);

    /// <summary>Lower-case hex digits, e.g. a 32-digit ECS task id or a 17-digit EC2 resource suffix.</summary>
    public string Hex(int digits)
    {
        var text = new StringBuilder(digits);
        for (var i = 0; i < digits; i++)
        {
            text.Append("0123456789abcdef"[_random.Next(16)]);
        }

        return text.ToString();
    }

    public string Digits(int count)
    {
        var text = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            text.Append((char)('0' + _random.Next(i == 0 ? 1 : 0, 10)));
        }

        return text.ToString();
    }

    public Guid Guid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        // Version 4, RFC 4122 variant, like the UUIDs AWS puts in event ids and attachment ids.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
