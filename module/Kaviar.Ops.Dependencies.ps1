# Runs before the module's assembly loads (ScriptsToProcess): makes its engine, Kaviar.Ops.Core, and the engine's
# dependencies (AWSSDK, Npgsql, ...) in Dependencies/ loadable before PowerShell reads the cmdlet assembly.
# pwsh 7: they get a load context of their own, so AWS.Tools with any AWSSDK.Core loads before or after Kaviar.Ops.
# Windows PowerShell 5.1 has no load contexts: the engine loads from the folder, with the dependencies beside it.
# .NET calls only, no cmdlets: this also runs in hosts that have nothing but the engine.
$dependencies = [System.IO.Path]::Combine($PSScriptRoot, 'Dependencies')
if ($PSVersionTable.PSEdition -eq 'Core') {
    $isolation = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'Kaviar.Ops.Isolation.dll'))
    $null = $isolation.GetType('Kaviar.Ops.Isolation.ModuleLoadContext', $true).GetMethod('Install').Invoke($null, [object[]]@([string]$dependencies))
}
else {
    $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($dependencies, 'Kaviar.Ops.Core.dll'))
}
