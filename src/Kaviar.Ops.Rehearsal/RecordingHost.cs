using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Rehearsal;

/// <summary>
/// A non-interactive PowerShell host that writes what the engine renders (Out-Host, formatted tables) to a TextWriter,
/// the way a scheduled runbook's host does. Prompts fail: a runbook must not wait for a human.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingHostUserInterface ui;

    public RecordingHost(TextWriter output, int width = 120)
    {
        ui = new RecordingHostUserInterface(output, width);
    }

    public override string Name => "Kaviar.Ops.Rehearsal";

    public override Version Version => new Version(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture { get; } = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Progress records the engine reported, in order (tests check long waits report progress).</summary>
    public IReadOnlyList<ProgressRecord> Progress => ui.Progress;

    public override void SetShouldExit(int exitCode)
    {
    }

    public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts need an interactive host.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts need an interactive host.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}

internal sealed class RecordingHostUserInterface : PSHostUserInterface
{
    private static readonly Regex VirtualTerminalSequence = new Regex("\u001b\\[[0-9;]*m", RegexOptions.Compiled);

    private readonly TextWriter output;
    private readonly RecordingRawUserInterface raw;

    public RecordingHostUserInterface(TextWriter output, int width)
    {
        this.output = output;
        raw = new RecordingRawUserInterface(width);
    }

    public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();

    public override PSHostRawUserInterface RawUI => raw;

    public override void Write(string value) => output.Write(Plain(value));

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => output.Write(Plain(value));

    public override void WriteLine(string value) => output.WriteLine(Plain(value));

    public override void WriteErrorLine(string value) => output.WriteLine(value);

    public override void WriteDebugLine(string message) => output.WriteLine("DEBUG: " + message);

    public override void WriteVerboseLine(string message) => output.WriteLine("VERBOSE: " + message);

    public override void WriteWarningLine(string message) => output.WriteLine("WARNING: " + message);

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        lock (Progress)
        {
            Progress.Add(record);
        }
    }

    public override string ReadLine() => throw NotInteractive();

    public override SecureString ReadLineAsSecureString() => throw NotInteractive();

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw NotInteractive();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NotInteractive();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NotInteractive();

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw NotInteractive();

    /// <summary>Drops the table-header colours the engine adds: what is recorded is read in logs and by tests.</summary>
    private static string Plain(string value) => VirtualTerminalSequence.Replace(value, "");

    private static InvalidOperationException NotInteractive() =>
        new InvalidOperationException("This host is non-interactive; pass -Confirm:$false or the value on the command line.");
}

internal sealed class RecordingRawUserInterface : PSHostRawUserInterface
{
    private readonly int width;

    public RecordingRawUserInterface(int width) => this.width = width;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override Size BufferSize
    {
        get => new Size(width, 9999);
        set { }
    }

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; }

    public override bool KeyAvailable => false;

    public override Size MaxPhysicalWindowSize => new Size(width, 100);

    public override Size MaxWindowSize => new Size(width, 100);

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize
    {
        get => new Size(width, 100);
        set { }
    }

    public override string WindowTitle { get; set; } = "";

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("This host is non-interactive.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
    {
    }

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
    {
    }

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
    }
}
