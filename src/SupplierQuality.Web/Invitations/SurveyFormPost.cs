using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace SupplierQuality.Web.Invitations;

/// <summary>Why one field of a survey post was not kept as sent.</summary>
internal enum SurveyFieldProblem
{
    /// <summary>The value (or name) had control characters other than tab and line breaks; they were removed.</summary>
    ControlCharacters,

    /// <summary>The value (or name) was over the form limit: none of it was kept.</summary>
    TooLong,
}

/// <summary>Why a survey post could not be read to its end.</summary>
internal enum SurveyPostProblem
{
    None,

    /// <summary>More fields than the form limit: the fields after it were not read.</summary>
    TooManyFields,

    /// <summary>The body was over the server's limit: what came after it was not read.</summary>
    TooLarge,

    /// <summary>Not an <c>application/x-www-form-urlencoded</c> body (the survey form never posts anything else): nothing was read.</summary>
    NotAForm,
}

/// <summary>
/// A supplier's form post as far as it can be read. The framework's form reader is all or nothing: one NUL, one value
/// over <see cref="FormOptions.ValueLengthLimit"/> or one field over <see cref="FormOptions.ValueCountLimit"/>
/// throws away every field, and the supplier's answers with them. This reader applies the same limits (the limits are
/// a defence, kept as they are) and decodes '+' and %XX escapes as browsers encode forms, but keeps every field it
/// could read and says what it could not: a page can then show the answers again instead of a bare 400.
/// </summary>
internal sealed class SurveyFormPost
{
    /// <summary>What a typed answer never needs: C0 and C1 controls and DEL, but not tab, CR or LF.</summary>
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'))]);

    private SurveyFormPost(FormCollection form, Dictionary<string, SurveyFieldProblem> fieldProblems, SurveyPostProblem problem)
    {
        Form = form;
        FieldProblems = fieldProblems;
        Problem = problem;
    }

    /// <summary>The fields read, values in the order posted; a value with control characters without them, one too long left out.</summary>
    public FormCollection Form { get; }

    /// <summary>The fields not kept as sent, by their (decoded) name.</summary>
    public IReadOnlyDictionary<string, SurveyFieldProblem> FieldProblems { get; }

    public SurveyPostProblem Problem { get; }

    /// <summary>Every field was read as sent.</summary>
    public bool IsWhole => Problem == SurveyPostProblem.None && FieldProblems.Count == 0;

    /// <summary>
    /// Reads the request body to its end (or the server's body limit) with <paramref name="limits"/>. Never throws for
    /// what the body holds; a client that goes away mid-body still ends the request as the framework does.
    /// </summary>
    public static async Task<SurveyFormPost> ReadAsync(HttpRequest request, FormOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return new SurveyFormPost(new FormCollection(null), [], SurveyPostProblem.NotAForm);
        }

        var reader = new Reader(limits);
        var body = request.BodyReader;
        try
        {
            while (true)
            {
                var result = await body.ReadAsync(cancellationToken);
                var consumed = reader.Parse(result.Buffer, result.IsCompleted);
                body.AdvanceTo(consumed, result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's MaxRequestBodySize: the fields before it are kept, the rest of the body is never read.
            reader.Problem = SurveyPostProblem.TooLarge;
        }

        return new SurveyFormPost(new FormCollection(reader.Fields()), reader.FieldProblems, reader.Problem);
    }

    /// <summary>
    /// Splits the body at '&amp;' as it arrives. A field longer than a name and a value may be is not buffered: it is
    /// skipped to its end, only its name kept for the message, so a huge value costs no more memory than a small one.
    /// </summary>
    private sealed class Reader(FormOptions limits)
    {
        private readonly long _longestField = (long)limits.KeyLengthLimit + limits.ValueLengthLimit + 1;
        private KeyValueAccumulator _fields;
        private bool _skipping;

        public Dictionary<string, SurveyFieldProblem> FieldProblems { get; } = new(StringComparer.Ordinal);

        public SurveyPostProblem Problem { get; set; }

        public Dictionary<string, StringValues> Fields() => _fields.GetResults();

        /// <summary>Takes the complete fields of <paramref name="buffer"/>; returns how far it was consumed.</summary>
        public SequencePosition Parse(ReadOnlySequence<byte> buffer, bool isFinal)
        {
            var sequence = new SequenceReader<byte>(buffer);
            while (sequence.TryReadTo(out ReadOnlySequence<byte> field, (byte)'&'))
            {
                Take(field);
            }

            var rest = sequence.UnreadSequence;
            if (isFinal)
            {
                Take(rest);
                return buffer.End;
            }

            if (!_skipping && rest.Length > _longestField)
            {
                var name = rest.PositionOf((byte)'=') is { } equals && rest.Slice(0, equals).Length <= limits.KeyLengthLimit
                    ? rest.Slice(0, equals)
                    : rest.Slice(0, limits.KeyLengthLimit);
                Report(Decode(name).Text, SurveyFieldProblem.TooLong);
                _skipping = true;
            }

            // While skipping, what arrived is dropped; otherwise it waits for its '&' or the end of the body.
            return _skipping ? buffer.End : sequence.Position;
        }

        private void Take(ReadOnlySequence<byte> field)
        {
            if (_skipping)
            {
                // The end of the field being skipped.
                _skipping = false;
                return;
            }

            if (field.IsEmpty || Problem == SurveyPostProblem.TooManyFields)
            {
                return;
            }

            if (_fields.ValueCount >= limits.ValueCountLimit)
            {
                Problem = SurveyPostProblem.TooManyFields;
                return;
            }

            var equals = field.PositionOf((byte)'=');
            var name = equals is { } end ? field.Slice(0, end) : field;
            var value = equals is { } at ? field.Slice(field.GetPosition(1, at)) : ReadOnlySequence<byte>.Empty;
            if (name.Length > limits.KeyLengthLimit)
            {
                Report(Decode(name.Slice(0, limits.KeyLengthLimit)).Text, SurveyFieldProblem.TooLong);
                return;
            }

            var key = Decode(name);
            if (value.Length > limits.ValueLengthLimit)
            {
                Report(key.Text, SurveyFieldProblem.TooLong);
                return;
            }

            var decoded = Decode(value);
            if (key.Cleaned || decoded.Cleaned)
            {
                Report(key.Text, SurveyFieldProblem.ControlCharacters);
            }

            _fields.Append(key.Text, decoded.Text);
        }

        private void Report(string key, SurveyFieldProblem problem) => FieldProblems.TryAdd(key, problem);

        /// <summary>
        /// '+' as a space and %XX escapes as UTF-8, as browsers encode forms (an escape that is not one stays as it
        /// is); control characters other than tab and line breaks removed.
        /// </summary>
        private static (string Text, bool Cleaned) Decode(ReadOnlySequence<byte> encoded)
        {
            var text = Uri.UnescapeDataString(Encoding.UTF8.GetString(encoded).Replace('+', ' '));
            return text.AsSpan().ContainsAny(ControlCharacters)
                ? (string.Concat(text.Where(c => !ControlCharacters.Contains(c))), true)
                : (text, false);
        }
    }
}
