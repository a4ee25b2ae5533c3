using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.Logs;

/// <summary>
/// A CloudWatch Logs filter pattern as FilterLogEvents applies it (AWS's "Filter pattern syntax for metric filters,
/// subscription filters, filter log events and Live Tail"). Unstructured events: every term and "quoted phrase"
/// must appear, case-sensitively; of the ?terms one must; no -term may. JSON events: { SELECTOR op VALUE } with
/// = and != on strings (* at either end of the value is a wildcard) and numbers, the numeric comparisons, IS NULL,
/// IS TRUE, IS FALSE and NOT EXISTS, joined by &amp;&amp; and || with parentheses; a selector that names an object,
/// an array or nothing matches neither = nor !=. Space-delimited ([a, b]) and regular-expression (%…%) patterns are
/// not modelled: they are refused rather than answered wrongly. An empty pattern matches every event.
/// </summary>
internal abstract partial class FilterPattern
{
    public static FilterPattern Parse(string? pattern)
    {
        var text = (pattern ?? string.Empty).Trim();
        if (text.StartsWith('['))
        {
            throw Invalid("space-delimited patterns ([field, …]) are not modelled by the simulated account");
        }

        return text.StartsWith('{') ? JsonPattern.FromJson(text) : TermPattern.FromTerms(text);
    }

    public abstract bool Matches(string message);

    private static AwsErrorException Invalid(string why) => new("InvalidParameterException", $"Invalid filter pattern: {why}.");

    private sealed partial class TermPattern : FilterPattern
    {
        private readonly List<string> _required = new();
        private readonly List<string> _anyOf = new();
        private readonly List<string> _excluded = new();

        public static TermPattern FromTerms(string pattern)
        {
            var terms = new TermPattern();
            foreach (Match match in Term().Matches(pattern))
            {
                var term = match.Groups["phrase"].Success ? match.Groups["phrase"].Value : match.Groups["word"].Value;
                if (!match.Groups["phrase"].Success && term.Length > 1 && term.StartsWith('%') && term.EndsWith('%'))
                {
                    throw Invalid("regular-expression terms (%…%) are not modelled by the simulated account");
                }

                (match.Groups["mark"].Value switch { "?" => terms._anyOf, "-" => terms._excluded, _ => terms._required }).Add(term);
            }

            return terms;
        }

        public override bool Matches(string message) =>
            _required.All(t => message.Contains(t, StringComparison.Ordinal))
            && !_excluded.Any(t => message.Contains(t, StringComparison.Ordinal))
            && (_anyOf.Count == 0 || _anyOf.Any(t => message.Contains(t, StringComparison.Ordinal)));

        /// <summary>An optional ? or - (AWS's own example writes "ERROR" - "Exiting"), then a quoted phrase or a word.</summary>
        [GeneratedRegex("\\s*(?<mark>[?-]?)\\s*(?:\"(?<phrase>[^\"]*)\"|(?<word>[^\\s\"]+))")]
        private static partial Regex Term();
    }

    private sealed partial class JsonPattern : FilterPattern
    {
        private readonly Func<JsonElement, bool> _condition;

        private JsonPattern(Func<JsonElement, bool> condition) => _condition = condition;

        public static JsonPattern FromJson(string pattern)
        {
            if (!pattern.EndsWith('}'))
            {
                throw Invalid("a JSON pattern is enclosed in { }");
            }

            var parser = new Parser(pattern[1..^1]);
            var condition = parser.Or();
            parser.End();
            return new JsonPattern(condition);
        }

        public override bool Matches(string message)
        {
            try
            {
                using var document = JsonDocument.Parse(message);
                return document.RootElement.ValueKind == JsonValueKind.Object && _condition(document.RootElement);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>Recursive descent: || binds looser than &amp;&amp;, parentheses group.</summary>
        private sealed class Parser
        {
            private readonly string _text;
            private int _at;

            public Parser(string text) => _text = text;

            public Func<JsonElement, bool> Or()
            {
                var left = And();
                while (Accept("||"))
                {
                    var (a, b) = (left, And());
                    left = e => a(e) || b(e);
                }

                return left;
            }

            public void End()
            {
                SkipSpace();
                if (_at < _text.Length)
                {
                    throw Invalid($"unexpected '{_text[_at..]}'");
                }
            }

            private Func<JsonElement, bool> And()
            {
                var left = Unary();
                while (Accept("&&"))
                {
                    var (a, b) = (left, Unary());
                    left = e => a(e) && b(e);
                }

                return left;
            }

            private Func<JsonElement, bool> Unary()
            {
                if (!Accept("("))
                {
                    return Comparison();
                }

                var inner = Or();
                if (!Accept(")"))
                {
                    throw Invalid("a '(' is not closed");
                }

                return inner;
            }

            private Func<JsonElement, bool> Comparison()
            {
                var selector = Selector.Parse(Word());
                if (AcceptWord("IS"))
                {
                    var kind = Word().ToUpperInvariant() switch
                    {
                        "NULL" => JsonValueKind.Null,
                        "TRUE" => JsonValueKind.True,
                        "FALSE" => JsonValueKind.False,
                        var other => throw Invalid($"IS {other}"),
                    };
                    return e => selector.Find(e)?.ValueKind == kind;
                }

                if (AcceptWord("NOT"))
                {
                    if (!AcceptWord("EXISTS"))
                    {
                        throw Invalid("NOT is followed by EXISTS");
                    }

                    return e => selector.Find(e) is null;
                }

                var op = Operator();
                var value = Value();
                return e => selector.Find(e) is { } node && Compare(node, op, value);
            }

            private static bool Compare(JsonElement node, string op, string value)
            {
                var isNumber = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
                if (node.ValueKind == JsonValueKind.Number && isNumber)
                {
                    var actual = node.GetDouble();
                    return op switch
                    {
                        "=" => actual == number,
                        "!=" => actual != number,
                        "<" => actual < number,
                        "<=" => actual <= number,
                        ">" => actual > number,
                        _ => actual >= number,
                    };
                }

                if (op is not ("=" or "!="))
                {
                    return false;
                }

                // A selector must name a value: an object or an array matches neither = nor !=. "*" alone matches any
                // value; otherwise a * at either end is a wildcard, and one inside is itself.
                var text = node.ValueKind switch
                {
                    JsonValueKind.String => node.GetString()!,
                    JsonValueKind.Number => node.GetRawText(),
                    _ => null,
                };
                if (text is null)
                {
                    return false;
                }

                var equal = value == "*"
                    || (value.Length > 1 && value.StartsWith('*') && value.EndsWith('*') ? text.Contains(value[1..^1], StringComparison.Ordinal)
                        : value.StartsWith('*') ? text.EndsWith(value[1..], StringComparison.Ordinal)
                        : value.EndsWith('*') ? text.StartsWith(value[..^1], StringComparison.Ordinal)
                        : text == value);
                return op == "=" ? equal : !equal;
            }

            private string Operator()
            {
                SkipSpace();
                foreach (var op in new[] { "!=", "<=", ">=", "=", "<", ">" })
                {
                    if (Accept(op))
                    {
                        return op;
                    }
                }

                throw Invalid($"expected =, !=, <, <=, >, >=, IS or NOT EXISTS at '{_text[_at..]}'");
            }

            /// <summary>A "quoted string" (\" and \\ escaped) or a bare value up to a space, a ')' or an operator.</summary>
            private string Value()
            {
                SkipSpace();
                if (_at < _text.Length && _text[_at] == '"')
                {
                    var value = new StringBuilder();
                    for (_at++; _at < _text.Length && _text[_at] != '"'; _at++)
                    {
                        if (_text[_at] == '\\' && _at + 1 < _text.Length)
                        {
                            _at++;
                        }

                        value.Append(_text[_at]);
                    }

                    if (!Accept("\""))
                    {
                        throw Invalid("a quoted value is not closed");
                    }

                    return value.ToString();
                }

                return Word();
            }

            private string Word()
            {
                SkipSpace();
                var start = _at;
                while (_at < _text.Length && !char.IsWhiteSpace(_text[_at]) && _text[_at] != ')'
                       && !_text.AsSpan(_at).StartsWith("&&") && !_text.AsSpan(_at).StartsWith("||") && "=!<>".IndexOf(_text[_at]) < 0)
                {
                    _at++;
                }

                return start == _at ? throw Invalid($"expected a selector or a value at '{_text[start..]}'") : _text[start.._at];
            }

            private bool AcceptWord(string word)
            {
                SkipSpace();
                var end = _at + word.Length;
                if (end <= _text.Length && string.Compare(_text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && (end == _text.Length || !char.IsLetter(_text[end])))
                {
                    _at = end;
                    return true;
                }

                return false;
            }

            private bool Accept(string token)
            {
                SkipSpace();
                if (!_text.AsSpan(_at).StartsWith(token))
                {
                    return false;
                }

                _at += token.Length;
                return true;
            }

            private void SkipSpace()
            {
                while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
                {
                    _at++;
                }
            }
        }

        /// <summary>$.a.b[0].c: properties (letters, digits, '-', '_') and array indexes, from the root.</summary>
        private sealed partial class Selector
        {
            private readonly IReadOnlyList<object> _steps;

            private Selector(IReadOnlyList<object> steps) => _steps = steps;

            public static Selector Parse(string text)
            {
                if (!Whole().IsMatch(text))
                {
                    throw Invalid($"'{text}' is not a selector such as $.level or $.users[0].id");
                }

                return new Selector(Step().Matches(text)
                    .Select(m => m.Groups["index"].Success ? (object)int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture) : m.Groups["name"].Value)
                    .ToList());
            }

            /// <summary>The node named, or null when it does not exist.</summary>
            public JsonElement? Find(JsonElement root)
            {
                var node = root;
                foreach (var step in _steps)
                {
                    switch (step)
                    {
                        case string name when node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var child):
                            node = child;
                            break;
                        case int index when node.ValueKind == JsonValueKind.Array && index < node.GetArrayLength():
                            node = node[index];
                            break;
                        default:
                            return null;
                    }
                }

                return node;
            }

            [GeneratedRegex(@"^\$(?:\.[A-Za-z0-9_-]+|\[\d+\])+$")]
            private static partial Regex Whole();

            [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_-]+)|\[(?<index>\d+)\]")]
            private static partial Regex Step();
        }
    }
}
