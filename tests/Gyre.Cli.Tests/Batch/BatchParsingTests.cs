using System.Globalization;
using System.Text;
using Gyre.Data.Csv;
using Gyre.Pipelines.Batch;

namespace Gyre.Cli.Tests.Batch;

/// <summary>
/// The batch scorer's fast readers and writer must agree exactly with .NET's general ones (the reference here), since
/// they replace them on the hot path: decimals with <c>double.Parse</c>, ISO date-times with
/// <c>DateTime.TryParse(RoundtripKind)</c>, CSV quoting with <see cref="CsvWriter.Escape"/>.
/// </summary>
public sealed class BatchParsingTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("508.24")]
    [InlineData("0.035")]
    [InlineData("+7")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("123456789012345")]
    [InlineData("0.000000000000000000001")]
    [InlineData("-99999.999999999")]
    public void FastDecimal_PlainDecimals_EqualDoubleParseBitForBit(string text)
    {
        Assert.True(FastDecimal.TryParse(Encoding.UTF8.GetBytes(text), out var value));

        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e5")]
    [InlineData(" 1")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("1234567890123456")]
    [InlineData("0.00000000000000000000001")]
    public void FastDecimal_AnythingElse_IsLeftToTheGeneralParser(string text)
    {
        Assert.False(FastDecimal.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void FastDecimal_RandomDecimals_EqualDoubleParseBitForBit()
    {
        var random = new Random(17);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 16);
            var mantissa = random.NextInt64((long)Math.Pow(10, digits));
            var decimals = random.Next(0, digits + 1);
            var text = mantissa.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
            if (decimals > 0)
            {
                text = text[..^decimals] + "." + text[^decimals..];
            }

            if (random.Next(2) == 0)
            {
                text = "-" + text;
            }

            Assert.True(FastDecimal.TryParse(Encoding.UTF8.GetBytes(text), out var value), text);
            Assert.True(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(value), text);
        }
    }

    [Theory]
    [InlineData("2024-01-01T12:13:27Z")]
    [InlineData("2024-02-29T23:59:59")]
    [InlineData("1999-12-31")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void IsoDateTime_CommonForms_EqualDateTimeTryParseWithKind(string text)
    {
        Assert.True(IsoDateTime.TryParse(text, out var fast));
        Assert.True(DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var reference));

        Assert.Equal(reference, fast);
        Assert.Equal(reference.Kind, fast.Kind);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-01-01T24:00:00")]
    [InlineData("2024-01-01T12:13:27+02:00")]
    [InlineData("2024-01-01 12:13:27")]
    [InlineData("2024-01-01T12:13:27.5Z")]
    [InlineData("01/02/2024")]
    public void IsoDateTime_OtherOrInvalidText_IsLeftToTheGeneralParser(string text)
    {
        Assert.False(IsoDateTime.TryParse(text, out _));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a,b")]
    [InlineData("say \"hi\"")]
    [InlineData(" padded")]
    [InlineData("line\nbreak")]
    [InlineData("ünï")]
    [InlineData("")]
    public void Utf8CsvBuilder_WriteText_QuotesLikeCsvWriter(string text)
    {
        var builder = new Utf8CsvBuilder();
        builder.WriteText(text);
        builder.WriteNumber(0.1);
        builder.EndRow();

        Assert.Equal(CsvWriter.Escape(text) + ",0.1\n", Encoding.UTF8.GetString(builder.Written.Span));
    }
}
