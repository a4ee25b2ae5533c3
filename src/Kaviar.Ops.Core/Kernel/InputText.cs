using System.Text;

namespace Kaviar.Ops.Kernel;

/// <summary>What the user typed, made safe to repeat in a message.</summary>
public static class InputText
{
    public static bool HasControlCharacters(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Control characters shown as \u escapes, so an error message never carries a NUL or an escape sequence.</summary>
    public static string Printable(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.ToString();
    }
}
