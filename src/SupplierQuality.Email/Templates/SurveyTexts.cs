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
}
