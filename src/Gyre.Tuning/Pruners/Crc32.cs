using System.Text;

namespace Gyre.Tuning.Pruners;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of zlib and Python's
/// <c>binascii.crc32</c>, which Hyperband uses to put a trial in a bracket.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <summary>The CRC-32 of <paramref name="text"/> encoded as UTF-8 (Python's <c>str.encode()</c>).</summary>
    public static uint Compute(string text) => Compute(Encoding.UTF8.GetBytes(text));

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
