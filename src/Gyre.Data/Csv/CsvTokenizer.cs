using System.Text;
using Gyre.Core;

namespace Gyre.Data.Csv;

/// <summary>
/// Splits RFC 4180 text into records, streaming through a fixed buffer. Quoted fields may hold delimiters,
/// doubled quotes and line breaks; a record's line is the line where it starts. CRLF, LF and lone CR end
/// lines. Empty lines between records are skipped. White space after a closing quote is ignored; any other
/// character there is an error. Not thread-safe.
/// </summary>
internal sealed class CsvTokenizer(TextReader reader, string path)
{
    public const int BufferSize = 1 << 16;

    private readonly char[] _buffer = new char[BufferSize];
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _position;
    private int _length;
    private bool _endOfInput;
    private long _line = 1;
    private bool _afterCarriageReturn;
    private State _state = State.FieldStart;
    private bool _recordStarted;
    private long _recordLine;
    private long _quoteLine;

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        AfterQuoted,
    }

    public char Delimiter { get; set; } = ',';

    /// <summary>Names fields in messages once the header is known.</summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    public IReadOnlyList<string> Fields => _fields;

    public long RecordLine => _recordLine;

    /// <summary>The text buffered but not yet consumed (the start of the file before the first record is read).</summary>
    public ReadOnlySpan<char> Buffered => _buffer.AsSpan(_position, _length - _position);

    /// <summary>True when everything left in the input is in <see cref="Buffered"/>.</summary>
    public bool BufferHoldsRest { get; private set; }

    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        _position = 0;
        _length = 0;
        while (_length < _buffer.Length)
        {
            var read = await ReadChunkAsync(cancellationToken);
            if (read == 0)
            {
                BufferHoldsRest = true;
                break;
            }

            _length += read;
        }

        _endOfInput = _length == 0;
    }

    /// <summary>Reads the next record into <see cref="Fields"/>; false at the end of input.</summary>
    public async ValueTask<bool> ReadRecordAsync(CancellationToken cancellationToken)
    {
        _fields.Clear();
        _recordStarted = false;
        while (true)
        {
            if (_position >= _length)
            {
                await FillAsync(cancellationToken);
                if (_endOfInput)
                {
                    return FinishAtEnd();
                }
            }

            if (ScanBuffered())
            {
                return true;
            }
        }
    }

    private async ValueTask<int> ReadChunkAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(_buffer.AsMemory(_length), cancellationToken);
        }
        catch (DecoderFallbackException ex)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"{path} near line {_line}: the file is not valid UTF-8 text.", ex);
        }
    }

    private bool ScanBuffered()
    {
        var delimiter = Delimiter;
        while (_position < _length)
        {
            var ch = _buffer[_position++];
            if (_afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                if (ch == '\n')
                {
                    // Second half of CRLF: the line was counted at the CR, and the record (if any) ended there.
                    if (_state == State.Quoted)
                    {
                        _field.Append(ch);
                    }

                    continue;
                }
            }

            switch (_state)
            {
                case State.FieldStart:
                    if (ch == '"')
                    {
                        StartRecord();
                        _quoteLine = _line;
                        _state = State.Quoted;
                    }
                    else if (ch == delimiter)
                    {
                        StartRecord();
                        EndField();
                    }
                    else if (ch is '\n' or '\r')
                    {
                        CountLineBreak(ch);
                        if (_recordStarted)
                        {
                            EndField();
                            return true;
                        }
                    }
                    else
                    {
                        StartRecord();
                        _field.Append(ch);
                        _state = State.Unquoted;
                    }

                    break;
                case State.Unquoted:
                    if (ch == delimiter)
                    {
                        EndField();
                    }
                    else if (ch is '\n' or '\r')
                    {
                        CountLineBreak(ch);
                        EndField();
                        return true;
                    }
                    else
                    {
                        _field.Append(ch);
                    }

                    break;
                case State.Quoted:
                    if (ch == '"')
                    {
                        _state = State.QuoteInQuoted;
                    }
                    else
                    {
                        if (ch is '\n' or '\r')
                        {
                            CountLineBreak(ch);
                        }

                        _field.Append(ch);
                    }

                    break;
                case State.QuoteInQuoted:
                case State.AfterQuoted:
                    if (ch == '"' && _state == State.QuoteInQuoted)
                    {
                        _field.Append('"');
                        _state = State.Quoted;
                    }
                    else if (ch == delimiter)
                    {
                        EndField();
                    }
                    else if (ch is '\n' or '\r')
                    {
                        CountLineBreak(ch);
                        EndField();
                        return true;
                    }
                    else if (ch is ' ' or '\t')
                    {
                        _state = State.AfterQuoted;
                    }
                    else
                    {
                        throw GyreException.InvalidInput(
                            $"{path} line {_line}, {DescribeField(_fields.Count)}: unexpected character '{ch}' after a closing quote " +
                            "(a quote inside a quoted field must be doubled).");
                    }

                    break;
            }
        }

        return false;
    }

    private bool FinishAtEnd()
    {
        if (_state is State.Quoted)
        {
            throw GyreException.InvalidInput(
                $"{path} line {_quoteLine}, {DescribeField(_fields.Count)}: unterminated quoted field " +
                $"(the quote opened on line {_quoteLine} is never closed; the file ends at line {_line}).");
        }

        if (!_recordStarted)
        {
            return false;
        }

        EndField();
        _recordStarted = false;
        return true;
    }

    private void StartRecord()
    {
        if (!_recordStarted)
        {
            _recordStarted = true;
            _recordLine = _line;
        }
    }

    private void CountLineBreak(char ch)
    {
        _line++;
        _afterCarriageReturn = ch == '\r';
    }

    private void EndField()
    {
        _fields.Add(_field.ToString());
        _field.Clear();
        _state = State.FieldStart;
    }

    private string DescribeField(int index) =>
        ColumnNames is { } names && index < names.Count ? $"column '{names[index]}'" : $"field {index + 1}";
}
