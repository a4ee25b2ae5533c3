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
        [int]$import.Output[-1] | Should -BeGreaterOrEqual 14
    }
}
