Attribute VB_Name = "Reimpact"
' reimpact-xl: the buttons of the coordinator's master workbook (workbook/reimpact_master.xlsm).
' Each button makes one call into Python, module reimpact_xl.excel.xl, through xlwings' RunPython.
'
' Installing: nothing to import by hand. The command
'     reimpact-xl build-master
' builds this module, the xlwings module and the worksheet functions (xlwings_udfs.bas) into the master.
'' The coordinator installs Python, then reimpact-xl with xlwings from the project's ZIP
'     py -m pip install "reimpact-xl-main.zip[excel]"
' opens the master from a trusted folder and clicks a button (README, section for the coordinator).
' To use the buttons in another workbook: VBA editor (Alt+F11) > File > Import File..., this file and
' xlwings.bas from the installed xlwings package; then assign the macros to buttons.
'
' The text stays ASCII: the dialogs' words come from the workbook's defined names rx_txt_*, and every
' setting from a defined name rx_*, so the sheets may be renamed or translated freely.
Option Explicit

Sub Apkopot()
    RunPython "import reimpact_xl.excel.xl as x; x.consolidate()"
End Sub

Sub Parbaudit()
    Dim chosen As Variant
    chosen = Application.GetOpenFilename(NamedText("rx_txt_filter"), , NamedText("rx_txt_pick"))
    If VarType(chosen) = vbBoolean Then Exit Sub
    ThisWorkbook.Names("rx_validate_file").RefersToRange.Value = chosen
    RunPython "import reimpact_xl.excel.xl as x; x.validate()"
End Sub

Sub JaunasDarbgramatas()
    RunPython "import reimpact_xl.excel.xl as x; x.new_workbooks()"
End Sub

Sub AtvertParskatu()
    Dim target As String
    target = CStr(ThisWorkbook.Names("rx_report_path").RefersToRange.Value)
    If target = "" Then
        MsgBox NamedText("rx_txt_no_report"), vbInformation
    ElseIf Not FileExists(target) Then
        MsgBox NamedText("rx_txt_no_report"), vbInformation
    Else
        ThisWorkbook.FollowHyperlink target
    End If
End Sub

Private Function NamedText(key As String) As String
    ' A text constant of the workbook: its defined name refers to ="..."
    NamedText = CStr(Application.Evaluate(ThisWorkbook.Names(key).RefersTo))
End Function
