using SupplierQuality.Email.Languages;

namespace SupplierQuality.Email.Templates;

/// <summary>
/// The default subject and intro of a campaign's email, one pair per respondent group: a supplier's contact is asked
/// how working with the buying company goes; an internal evaluator is asked to rate the supplier named. A new campaign
/// form starts with them and the API uses them for a text it leaves out. Placeholders: see <see cref="MailTemplate"/>.
/// </summary>
public static class SurveyTexts
{
    public const string ContactSubject = "How is working with {{buyer_name}} going?";

    public const string ContactIntro = """
        Dear {{contact_name}},

        How is working with {{buyer_name}} going for {{supplier_name}}? Please tell us what works well and what we could do better. The survey takes about ten minutes, and your answers help us work better together.
        """;

    /// <summary>
    /// Names the suppliers: in an evaluator's digest {{supplier_name}} becomes "A, B and 3 more suppliers"
    /// (<see cref="EvaluatorDigestEmail"/>), in a resend of one form the supplier's name.
    /// </summary>
    public const string EvaluatorSubject = "Please rate {{supplier_name}}";

    /// <summary>
    /// Reads right for one supplier (the form, a resend) and in the digest, where {{supplier_name}} becomes "each
    /// supplier listed below".
    /// </summary>
    public const string EvaluatorIntro = """
        Dear {{contact_name}},

        Please rate {{supplier_name}} as a supplier to {{buyer_name}}, from your own experience of working with them. Each survey takes about ten minutes.
        """;

    /// <summary>
    /// The default evaluator intro until evaluators got one digest (docs/adr/0007). Drafts saved with it still hold it; a
    /// digest uses <see cref="EvaluatorIntro"/> instead, as its last sentence would no longer be true.
    /// </summary>
    public const string EvaluatorIntroBeforeDigests = """
        Dear {{contact_name}},

        Please rate {{supplier_name}} as a supplier to {{buyer_name}}, from your own experience of working with them. The survey takes about ten minutes. You get one email like this for each supplier you are asked to rate.
        """;

    /// <summary>
    /// A campaign's subject or intro for a reader of <paramref name="language"/>: a default text left as it was written
    /// (English) becomes the same default in that language; anything a manager wrote stays as written.
    /// </summary>
    public static string In(string template, Language? language)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (language is null || language == Language.English)
        {
            return template;
        }

        var key = Normal(template) switch
        {
            var t when t == Normal(ContactSubject) => nameof(ContactSubject),
            var t when t == Normal(ContactIntro) => nameof(ContactIntro),
            var t when t == Normal(EvaluatorSubject) => nameof(EvaluatorSubject),
            var t when t == Normal(EvaluatorIntro) => nameof(EvaluatorIntro),
            _ => null,
        };
        return key is null ? template : RespondentTexts.For(language)[key];
    }

    private static string Normal(string text) => text.ReplaceLineEndings("\n").Trim();
}
