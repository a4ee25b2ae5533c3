# The module as it is shipped: build.ps1 Package makes the zip Azure Automation takes (named after the module, the
# module folder inside), and the folder in it imports by name from a module path.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedAccount.psm1') -Force
    $script:repository = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
}

Describe 'The packaged module' {
    It 'is a zip named after the module that imports by name once unpacked onto the module path' {
        $packaging = Invoke-ChildPwsh -Arguments @('-NoProfile', '-NonInteractive', '-File', (Join-Path $repository 'build.ps1'), '-Task', 'Package')
        $zip = Join-Path $repository 'artifacts/Kaviar.Ops.zip'
        $unpacked = Join-Path ([System.IO.Path]::GetTempPath()) ('kaviar-package-' + [guid]::NewGuid().ToString('N'))
        try {
            Expand-Archive -Path $zip -DestinationPath $unpacked
            $env:PSModulePath = $unpacked + [System.IO.Path]::PathSeparator + $env:PSModulePath
            $import = Invoke-ChildPwsh -Arguments @('-NoProfile', '-NonInteractive', '-Command',
                "Import-Module Kaviar.Ops -ErrorAction Stop; (Get-Module Kaviar.Ops).ModuleBase; (Get-Command -Module Kaviar.Ops).Count")
        }
        finally {
            $env:PSModulePath = ($env:PSModulePath -split [regex]::Escape([string][System.IO.Path]::PathSeparator) | Select-Object -Skip 1) -join [System.IO.Path]::PathSeparator
            Remove-Item -Path $unpacked -Recurse -Force -ErrorAction SilentlyContinue
        }

        $packaging.ExitCode | Should -Be 0
        $import.ExitCode | Should -Be 0
        $import.Output[0] | Should -BeLike '*kaviar-package-*Kaviar.Ops'
        [int]$import.Output[-1] | Should -Be (Import-PowerShellDataFile (Join-Path $repository 'Kaviar.Ops.psd1')).CmdletsToExport.Count
    }

    It 'publishes to a repository and installs from it by name, as the gallery would' {
        $work = Join-Path ([System.IO.Path]::GetTempPath()) ('kaviar-gallery-' + [guid]::NewGuid().ToString('N'))
        $repository_ = Join-Path $work 'repository'
        $modules = Join-Path $work 'modules'
        New-Item -ItemType Directory -Path $repository_, $modules | Out-Null
        $module = Join-Path $repository 'artifacts/Release/Kaviar.Ops'
        try {
            $run = Invoke-ChildPwsh -Arguments @('-NoProfile', '-NonInteractive', '-Command', (@(
                "`$ErrorActionPreference = 'Stop'"
                "Register-PSResourceRepository -Name KaviarLocal -Uri '$repository_' -Trusted"
                "try {"
                "  Publish-PSResource -Path '$module' -Repository KaviarLocal"
                "  Save-PSResource -Name Kaviar.Ops -Repository KaviarLocal -Path '$modules' -TrustRepository"
                "  `$env:PSModulePath = '$modules' + [System.IO.Path]::PathSeparator + `$env:PSModulePath"
                "  Import-Module Kaviar.Ops"
                "  'imported from ' + (Get-Module Kaviar.Ops).ModuleBase"
                "  'commands ' + (Get-Command -Module Kaviar.Ops).Count"
                "} finally { Unregister-PSResourceRepository -Name KaviarLocal }"
            ) -join "`n"))
        }
        finally {
            Remove-Item -Path $work -Recurse -Force -ErrorAction SilentlyContinue
        }

        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        ($run.Output -join "`n") | Should -Match ('imported from ' + [regex]::Escape($modules))
        $exported = (Import-PowerShellDataFile (Join-Path $repository 'Kaviar.Ops.psd1')).CmdletsToExport.Count
        ($run.Output -join "`n") | Should -Match "commands $exported\b"
    }
}
