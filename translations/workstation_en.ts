<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>Anonymization</name>
    <message>
      <source>AI / QA dataset</source>
      <translation>AI / QA dataset</translation>
    </message>
    <message>
      <source>Clinical trial</source>
      <translation>Clinical trial</translation>
    </message>
    <message>
      <source>For a second reading by a trusted party: UIDs and full dates kept so the result can be linked back; names and IDs removed.</source>
      <translation>For a second reading by a trusted party: UIDs and full dates kept so the result can be linked back; names and IDs removed.</translation>
    </message>
    <message>
      <source>For algorithm training and quality assurance: modified dates, patient characteristics, device identity and safe private attributes kept; pixels, descriptors and structured content cleaned.</source>
      <translation>For algorithm training and quality assurance: modified dates, patient characteristics, device identity and safe private attributes kept; pixels, descriptors and structured content cleaned.</translation>
    </message>
    <message>
      <source>For retrospective research: dates shifted consistently per patient, patient characteristics and safe private attributes kept, free text cleaned.</source>
      <translation>For retrospective research: dates shifted consistently per patient, patient characteristics and safe private attributes kept, free text cleaned.</translation>
    </message>
    <message>
      <source>For teaching files and publication: everything identifying is removed or cleaned, including text burned into pixels and recognisable features.</source>
      <translation>For teaching files and publication: everything identifying is removed or cleaned, including text burned into pixels and recognisable features.</translation>
    </message>
    <message>
      <source>Research (longitudinal)</source>
      <translation>Research (longitudinal)</translation>
    </message>
    <message>
      <source>Research profile plus device and institution identity, with pseudonymous patient IDs, for multi-centre trials.</source>
      <translation>Research profile plus device and institution identity, with pseudonymous patient IDs, for multi-centre trials.</translation>
    </message>
    <message>
      <source>Second opinion (re-linkable)</source>
      <translation>Second opinion (re-linkable)</translation>
    </message>
    <message>
      <source>Teaching / public</source>
      <translation>Teaching / public</translation>
    </message>
  </context>
  <context>
    <name>AnonymizedExportDialog</name>
    <message>
      <source>Export anonymized</source>
      <translation>Export anonymized</translation>
    </message>
    <message>
      <source>Whole study</source>
      <translation>Whole study</translation>
    </message>
    <message>
      <source>Current series</source>
      <translation>Current series</translation>
    </message>
    <message>
      <source>Key images</source>
      <translation>Key images</translation>
    </message>
    <message>
      <source>DICOM, de-identified</source>
      <translation>DICOM, de-identified</translation>
    </message>
    <message>
      <source>PNG pictures</source>
      <translation>PNG pictures</translation>
    </message>
    <message>
      <source>JPEG pictures</source>
      <translation>JPEG pictures</translation>
    </message>
    <message>
      <source>One zip file</source>
      <translation>One zip file</translation>
    </message>
    <message>
      <source>Burn in series, image and window text</source>
      <translation>Burn in series, image and window text</translation>
    </message>
    <message>
      <source>Images</source>
      <translation>Images</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>Format</translation>
    </message>
    <message>
      <source>Profile</source>
      <translation>Profile</translation>
    </message>
    <message>
      <source>Destination</source>
      <translation>Destination</translation>
    </message>
    <message>
      <source>Zip file (*.zip)</source>
      <translation>Zip file (*.zip)</translation>
    </message>
    <message>
      <source>Choose a destination.</source>
      <translation>Choose a destination.</translation>
    </message>
  </context>
  <context>
    <name>App</name>
    <message>
      <source>Connect to hub</source>
      <translation>Connect to hub</translation>
    </message>
    <message>
      <source>Address of the reading hub (for example https://hub.example:8443):</source>
      <translation>Address of the reading hub (for example https://hub.example:8443):</translation>
    </message>
  </context>
  <context>
    <name>AppController</name>
    <message>
      <source>No system keychain is available, so the image cache is encrypted with a key that exists only until you close the workstation. Studies you open will be downloaded again next time.</source>
      <translation>No system keychain is available, so the image cache is encrypted with a key that exists only until you close the workstation. Studies you open will be downloaded again next time.</translation>
    </message>
    <message>
      <source>The image cache key in the system keychain was unreadable and has been replaced. Previously cached studies will be downloaded again.</source>
      <translation>The image cache key in the system keychain was unreadable and has been replaced. Previously cached studies will be downloaded again.</translation>
    </message>
    <message>
      <source>Signed in, but the image cache could not be opened (%1). Check the disk and try again.</source>
      <translation>Signed in, but the image cache could not be opened (%1). Check the disk and try again.</translation>
    </message>
  </context>
  <context>
    <name>AutoRefresh</name>
    <message>
      <source>How often the worklist reloads by itself</source>
      <translation>How often the worklist reloads by itself</translation>
    </message>
    <message>
      <source>Beep on a new STAT study</source>
      <translation>Beep on a new STAT study</translation>
    </message>
    <message>
      <source>Auto-refresh: %1</source>
      <translation>Auto-refresh: %1</translation>
    </message>
    <message>
      <source>off</source>
      <translation>off</translation>
    </message>
    <message>
      <source>%1 min</source>
      <translation>%1 min</translation>
    </message>
    <message>
      <source>%1 s</source>
      <translation>%1 s</translation>
    </message>
  </context>
  <context>
    <name>CacheActions</name>
    <message>
      <source>&amp;Local data</source>
      <translation>&amp;Local data</translation>
    </message>
    <message>
      <source>Clear local cache…</source>
      <translation>Clear local cache…</translation>
    </message>
    <message>
      <source>Delete the images kept on this computer (an open study is kept)</source>
      <translation>Delete the images kept on this computer (an open study is kept)</translation>
    </message>
    <message>
      <source>Purge local data at sign-out</source>
      <translation>Purge local data at sign-out</translation>
    </message>
    <message>
      <source>At sign-out, destroy the cached images, the offline sign-in and the saved worklist of this computer</source>
      <translation>At sign-out, destroy the cached images, the offline sign-in and the saved worklist of this computer</translation>
    </message>
    <message>
      <source>Delete all images kept on this computer (%1)? A study open in the viewer is kept. Studies are downloaded again when opened.</source>
      <translation>Delete all images kept on this computer (%1)? A study open in the viewer is kept. Studies are downloaded again when opened.</translation>
    </message>
    <message>
      <source>Local cache cleared: %1 freed.</source>
      <translation>Local cache cleared: %1 freed.</translation>
    </message>
    <message numerus="yes">
      <source>%n open study kept.</source>
      <translation>
        <numerusform>%n open study kept.</numerusform>
        <numerusform>%n open studies kept.</numerusform>
      </translation>
    </message>
    <message>
      <source>The local cache could not be cleared (%1).</source>
      <translation>The local cache could not be cleared (%1).</translation>
    </message>
  </context>
  <context>
    <name>CachePage</name>
    <message>
      <source>Local cache</source>
      <translation>Local cache</translation>
    </message>
    <message>
      <source>Cache size limit in gigabytes</source>
      <translation>Cache size limit in gigabytes</translation>
    </message>
    <message>
      <source> days</source>
      <translation> days</translation>
    </message>
    <message>
      <source>Days a study is kept after it was last opened</source>
      <translation>Days a study is kept after it was last opened</translation>
    </message>
    <message>
      <source>Worklist studies downloaded ahead</source>
      <translation>Worklist studies downloaded ahead</translation>
    </message>
    <message>
      <source>Delete all local images and drafts when I sign out</source>
      <translation>Delete all local images and drafts when I sign out</translation>
    </message>
    <message>
      <source>Images are stored encrypted. Studies open in a viewer are never removed to make room. New limits apply as soon as you save.</source>
      <translation>Images are stored encrypted. Studies open in a viewer are never removed to make room. New limits apply as soon as you save.</translation>
    </message>
    <message>
      <source>Size limit</source>
      <translation>Size limit</translation>
    </message>
    <message>
      <source>Keep studies for</source>
      <translation>Keep studies for</translation>
    </message>
    <message>
      <source>Prefetch next studies</source>
      <translation>Prefetch next studies</translation>
    </message>
  </context>
  <context>
    <name>CriticalDialog</name>
    <message>
      <source>Critical finding</source>
      <translation>Critical finding</translation>
    </message>
    <message>
      <source>1 – Immediate (within minutes)</source>
      <translation>1 – Immediate (within minutes)</translation>
    </message>
    <message>
      <source>2 – Urgent (within hours)</source>
      <translation>2 – Urgent (within hours)</translation>
    </message>
    <message>
      <source>3 – Non-urgent (within days)</source>
      <translation>3 – Non-urgent (within days)</translation>
    </message>
    <message>
      <source>Name and role of the clinician told</source>
      <translation>Name and role of the clinician told</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>In person</source>
      <translation>In person</translation>
    </message>
    <message>
      <source>Secure message</source>
      <translation>Secure message</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>Finding</translation>
    </message>
    <message>
      <source>Recipient</source>
      <translation>Recipient</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>Method</translation>
    </message>
    <message>
      <source>Communicated at</source>
      <translation>Communicated at</translation>
    </message>
    <message>
      <source>Record and send</source>
      <translation>Record and send</translation>
    </message>
    <message>
      <source>Describe the finding.</source>
      <translation>Describe the finding.</translation>
    </message>
    <message>
      <source>Say who was told.</source>
      <translation>Say who was told.</translation>
    </message>
  </context>
  <context>
    <name>CriticalReminder</name>
    <message>
      <source>⚠ Critical finding (category %1) not yet acknowledged by %2 (told %3).</source>
      <translation>⚠ Critical finding (category %1) not yet acknowledged by %2 (told %3).</translation>
    </message>
    <message>
      <source>%1 open in all.</source>
      <translation>%1 open in all.</translation>
    </message>
  </context>
  <context>
    <name>DemoHintPanel</name>
    <message>
      <source>Demo hub — sign in with the demo reader account</source>
      <translation>Demo hub — sign in with the demo reader account</translation>
    </message>
    <message>
      <source>Fill in</source>
      <translation>Fill in</translation>
    </message>
    <message>
      <source>Put the demo username, password and current code in the form</source>
      <translation>Put the demo username, password and current code in the form</translation>
    </message>
    <message>
      <source>Username</source>
      <translation>Username</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Current code</source>
      <translation>Current code</translation>
    </message>
    <message numerus="yes">
      <source>%n s left</source>
      <translation>
        <numerusform>%n s left</numerusform>
        <numerusform>%n s left</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DemoStartupDialog</name>
    <message>
      <source>Starting the demo hub — Workstation</source>
      <translation>Starting the demo hub — Workstation</translation>
    </message>
    <message>
      <source>Preparing the demo hub</source>
      <translation>Preparing the demo hub</translation>
    </message>
    <message>
      <source>The first start generates the demo studies and can take a minute.</source>
      <translation>The first start generates the demo studies and can take a minute.</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>Starting…</translation>
    </message>
    <message>
      <source>Demo hub</source>
      <translation>Demo hub</translation>
    </message>
    <message>
      <source>The demo hub could not be started: %1</source>
      <translation>The demo hub could not be started: %1</translation>
    </message>
  </context>
  <context>
    <name>ExportController</name>
    <message>
      <source>%1 image(s) exported to %2.</source>
      <translation>%1 image(s) exported to %2.</translation>
    </message>
    <message>
      <source>%1 picture(s) saved in %2.</source>
      <translation>%1 picture(s) saved in %2.</translation>
    </message>
    <message>
      <source>%1 image(s) were left out (burned-in text or unreadable).</source>
      <translation>%1 image(s) were left out (burned-in text or unreadable).</translation>
    </message>
    <message>
      <source>%1 study(ies) with %2 image(s) and %3 report(s) saved in %4.</source>
      <translation>%1 study(ies) with %2 image(s) and %3 report(s) saved in %4.</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>The export failed: %1</source>
      <translation>The export failed: %1</translation>
    </message>
  </context>
  <context>
    <name>FilterBar</name>
    <message>
      <source>Patient name, ID or accession…</source>
      <translation>Patient name, ID or accession…</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Modality</source>
      <translation>Modality</translation>
    </message>
    <message>
      <source>All modalities</source>
      <translation>All modalities</translation>
    </message>
    <message>
      <source>Hospital</source>
      <translation>Hospital</translation>
    </message>
    <message>
      <source>Priority</source>
      <translation>Priority</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>Clear</translation>
    </message>
    <message>
      <source>Show the whole worklist again</source>
      <translation>Show the whole worklist again</translation>
    </message>
    <message>
      <source>Study date</source>
      <translation>Study date</translation>
    </message>
    <message>
      <source>All hospitals</source>
      <translation>All hospitals</translation>
    </message>
    <message>
      <source>All statuses</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <source>To be read</source>
      <translation>To be read</translation>
    </message>
    <message>
      <source>Unread</source>
      <translation>Unread</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Reported</source>
      <translation>Reported</translation>
    </message>
    <message>
      <source>Preliminary</source>
      <translation>Preliminary</translation>
    </message>
    <message>
      <source>Final</source>
      <translation>Final</translation>
    </message>
    <message>
      <source>All priorities</source>
      <translation>All priorities</translation>
    </message>
    <message>
      <source>STAT</source>
      <translation>STAT</translation>
    </message>
    <message>
      <source>STAT and urgent</source>
      <translation>STAT and urgent</translation>
    </message>
    <message>
      <source>Urgent</source>
      <translation>Urgent</translation>
    </message>
    <message>
      <source>Routine</source>
      <translation>Routine</translation>
    </message>
  </context>
  <context>
    <name>GeneralPage</name>
    <message>
      <source>Language and display</source>
      <translation>Language and display</translation>
    </message>
    <message>
      <source>Interface language</source>
      <translation>Interface language</translation>
    </message>
    <message>
      <source>As the operating system</source>
      <translation>As the operating system</translation>
    </message>
    <message>
      <source>Colour theme</source>
      <translation>Colour theme</translation>
    </message>
    <message>
      <source>Dark (reading room)</source>
      <translation>Dark (reading room)</translation>
    </message>
    <message>
      <source>High contrast</source>
      <translation>High contrast</translation>
    </message>
    <message>
      <source>Hanging protocols: apply automatically</source>
      <translation>Hanging protocols: apply automatically</translation>
    </message>
    <message>
      <source>Apply hanging protocols automatically when a study opens</source>
      <translation>Apply hanging protocols automatically when a study opens</translation>
    </message>
    <message>
      <source>Windows opened from now on use the new language; reopen the worklist to switch it completely.</source>
      <translation>Windows opened from now on use the new language; reopen the worklist to switch it completely.</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>Theme</source>
      <translation>Theme</translation>
    </message>
  </context>
  <context>
    <name>HangingController</name>
    <message>
      <source>Hanging: %1 — stage %2 of %3: %4</source>
      <translation>Hanging: %1 — stage %2 of %3: %4</translation>
    </message>
    <message>
      <source>Not used by this hanging protocol</source>
      <translation>Not used by this hanging protocol</translation>
    </message>
    <message>
      <source>Loading the prior study…</source>
      <translation>Loading the prior study…</translation>
    </message>
    <message>
      <source>No prior study</source>
      <translation>No prior study</translation>
    </message>
    <message>
      <source>No matching series in the prior study</source>
      <translation>No matching series in the prior study</translation>
    </message>
    <message>
      <source>No matching series in this study</source>
      <translation>No matching series in this study</translation>
    </message>
    <message>
      <source>Loading the prior series…</source>
      <translation>Loading the prior series…</translation>
    </message>
    <message>
      <source>No matching image in this series</source>
      <translation>No matching image in this series</translation>
    </message>
    <message>
      <source>The prior study could not be loaded.</source>
      <translation>The prior study could not be loaded.</translation>
    </message>
  </context>
  <context>
    <name>HangingProtocols</name>
    <message>
      <source>4-view</source>
      <translation>4-view</translation>
    </message>
    <message>
      <source>Abdomen | liver</source>
      <translation>Abdomen | liver</translation>
    </message>
    <message>
      <source>Bone</source>
      <translation>Bone</translation>
    </message>
    <message>
      <source>Brain | bone</source>
      <translation>Brain | bone</translation>
    </message>
    <message>
      <source>CC: current over prior</source>
      <translation>CC: current over prior</translation>
    </message>
    <message>
      <source>CT abdomen</source>
      <translation>CT abdomen</translation>
    </message>
    <message>
      <source>CT chest</source>
      <translation>CT chest</translation>
    </message>
    <message>
      <source>CT chest with prior</source>
      <translation>CT chest with prior</translation>
    </message>
    <message>
      <source>CT head</source>
      <translation>CT head</translation>
    </message>
    <message>
      <source>Chest radiograph with prior</source>
      <translation>Chest radiograph with prior</translation>
    </message>
    <message>
      <source>Current | prior</source>
      <translation>Current | prior</translation>
    </message>
    <message>
      <source>Current: lung | mediastinum</source>
      <translation>Current: lung | mediastinum</translation>
    </message>
    <message>
      <source>Frontal | lateral</source>
      <translation>Frontal | lateral</translation>
    </message>
    <message>
      <source>Generic</source>
      <translation>Generic</translation>
    </message>
    <message>
      <source>Largest series</source>
      <translation>Largest series</translation>
    </message>
    <message>
      <source>Lung | mediastinum</source>
      <translation>Lung | mediastinum</translation>
    </message>
    <message>
      <source>MLO: current over prior</source>
      <translation>MLO: current over prior</translation>
    </message>
    <message>
      <source>MR brain</source>
      <translation>MR brain</translation>
    </message>
    <message>
      <source>Mammography screening</source>
      <translation>Mammography screening</translation>
    </message>
    <message>
      <source>T1 | T2 / FLAIR | DWI</source>
      <translation>T1 | T2 / FLAIR | DWI</translation>
    </message>
  </context>
  <context>
    <name>IdleLock</name>
    <message>
      <source>Lock now</source>
      <translation>Lock now</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Checking…</translation>
    </message>
    <message>
      <source>Wrong password or code. Try again.</source>
      <translation>Wrong password or code. Try again.</translation>
    </message>
    <message>
      <source>Only the reader who locked the workstation can unlock it.</source>
      <translation>Only the reader who locked the workstation can unlock it.</translation>
    </message>
    <message>
      <source>Too many attempts. Wait a minute, then try again.</source>
      <translation>Too many attempts. Wait a minute, then try again.</translation>
    </message>
    <message>
      <source>This account is locked. Contact your administrator.</source>
      <translation>This account is locked. Contact your administrator.</translation>
    </message>
    <message>
      <source>The hub cannot be reached and this computer has no offline sign-in data for you. Try again when the network is back.</source>
      <translation>The hub cannot be reached and this computer has no offline sign-in data for you. Try again when the network is back.</translation>
    </message>
    <message>
      <source>Unlocking failed: %1</source>
      <translation>Unlocking failed: %1</translation>
    </message>
    <message>
      <source>hub error</source>
      <translation>hub error</translation>
    </message>
  </context>
  <context>
    <name>KeyImageList</name>
    <message>
      <source>Series %1, image %2</source>
      <translation>Series %1, image %2</translation>
    </message>
  </context>
  <context>
    <name>LocalImport</name>
    <message>
      <source>Studies opened from a folder or disc have no hub or archive to send a report to.</source>
      <translation>Studies opened from a folder or disc have no hub or archive to send a report to.</translation>
    </message>
    <message>
      <source>Open folder / DICOMDIR…</source>
      <translation>Open folder / DICOMDIR…</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;File</translation>
    </message>
  </context>
  <context>
    <name>LocalStudyOpener</name>
    <message>
      <source>Open folder or DICOMDIR (CD, USB stick)</source>
      <translation>Open folder or DICOMDIR (CD, USB stick)</translation>
    </message>
    <message>
      <source>No DICOM images were found there.</source>
      <translation>No DICOM images were found there.</translation>
    </message>
    <message>
      <source>Choose a study</source>
      <translation>Choose a study</translation>
    </message>
    <message>
      <source>Studies found:</source>
      <translation>Studies found:</translation>
    </message>
    <message>
      <source>Opened from a folder or disc: reports are not sent from here.</source>
      <translation>Opened from a folder or disc: reports are not sent from here.</translation>
    </message>
    <message numerus="yes">
      <source>%n DICOM file(s) could not be read and are not shown.</source>
      <translation>
        <numerusform>%n DICOM file could not be read and is not shown.</numerusform>
        <numerusform>%n DICOM files could not be read and are not shown.</numerusform>
      </translation>
    </message>
    <message>
      <source>That folder or file does not exist.</source>
      <translation>That folder or file does not exist.</translation>
    </message>
    <message>
      <source>That folder cannot be read (no permission).</source>
      <translation>That folder cannot be read (no permission).</translation>
    </message>
    <message>
      <source>The folder could not be read: %1</source>
      <translation>The folder could not be read: %1</translation>
    </message>
  </context>
  <context>
    <name>LockScreen</name>
    <message>
      <source>Workstation — locked</source>
      <translation>Workstation — locked</translation>
    </message>
    <message>
      <source>Workstation locked</source>
      <translation>Workstation locked</translation>
    </message>
    <message>
      <source>Signed in as %1. Enter your password and the 6-digit code to continue; the open study and your report are kept.</source>
      <translation>Signed in as %1. Enter your password and the 6-digit code to continue; the open study and your report are kept.</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>6-digit code</source>
      <translation>6-digit code</translation>
    </message>
    <message>
      <source>Unlock</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Enter your password.</source>
      <translation>Enter your password.</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Cannot reach the hub at %1. Check the network connection and try again.</source>
      <translation>Cannot reach the hub at %1. Check the network connection and try again.</translation>
    </message>
    <message>
      <source>Wrong username or password.</source>
      <translation>Wrong username or password.</translation>
    </message>
    <message>
      <source>The 6-digit code is wrong. Check your authenticator app and try again.</source>
      <translation>The 6-digit code is wrong. Check your authenticator app and try again.</translation>
    </message>
    <message>
      <source>This code has already been used. Wait for the next code (in %1 s) and enter it.</source>
      <translation>This code has already been used. Wait for the next code (in %1 s) and enter it.</translation>
    </message>
    <message>
      <source>The sign-in took too long and has expired. Enter a fresh code and sign in again.</source>
      <translation>The sign-in took too long and has expired. Enter a fresh code and sign in again.</translation>
    </message>
    <message>
      <source>Too many attempts. Wait a minute, then try again.</source>
      <translation>Too many attempts. Wait a minute, then try again.</translation>
    </message>
    <message>
      <source>This account is locked. Contact your administrator.</source>
      <translation>This account is locked. Contact your administrator.</translation>
    </message>
    <message>
      <source>Your session has expired. Sign in again.</source>
      <translation>Your session has expired. Sign in again.</translation>
    </message>
    <message>
      <source>Sign-in failed: %1</source>
      <translation>Sign-in failed: %1</translation>
    </message>
    <message>
      <source>Sign-in failed because of an unexpected error. Try again.</source>
      <translation>Sign-in failed because of an unexpected error. Try again.</translation>
    </message>
    <message>
      <source>Wrong username or password for working offline.</source>
      <translation>Wrong username or password for working offline.</translation>
    </message>
    <message>
      <source>The offline sign-in data on this computer is damaged. Sign in online once the hub can be reached.</source>
      <translation>The offline sign-in data on this computer is damaged. Sign in online once the hub can be reached.</translation>
    </message>
    <message>
      <source>Working offline needs an earlier online sign-in of this user on this computer. Sign in online once the hub can be reached.</source>
      <translation>Working offline needs an earlier online sign-in of this user on this computer. Sign in online once the hub can be reached.</translation>
    </message>
    <message>
      <source>Sign in — Workstation</source>
      <translation>Sign in — Workstation</translation>
    </message>
    <message>
      <source>Sign in to the reading hub</source>
      <translation>Sign in to the reading hub</translation>
    </message>
    <message>
      <source>Hub: %1</source>
      <translation>Hub: %1</translation>
    </message>
    <message>
      <source>Username</source>
      <translation>Username</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>6-digit code from your authenticator app</source>
      <translation>6-digit code from your authenticator app</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>Sign in</translation>
    </message>
    <message>
      <source>Work offline</source>
      <translation>Work offline</translation>
    </message>
    <message>
      <source>Open the studies already on this computer with the password of your last sign-in here; reports wait in the outbox until the hub is back</source>
      <translation>Open the studies already on this computer with the password of your last sign-in here; reports wait in the outbox until the hub is back</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Enter your username and password.</source>
      <translation>Enter your username and password.</translation>
    </message>
    <message>
      <source>Enter the 6-digit code from your authenticator app.</source>
      <translation>Enter the 6-digit code from your authenticator app.</translation>
    </message>
    <message>
      <source>Signing in…</source>
      <translation>Signing in…</translation>
    </message>
    <message>
      <source>Signed in.</source>
      <translation>Signed in.</translation>
    </message>
    <message>
      <source>Or press Work offline to read the studies cached on this computer.</source>
      <translation>Or press Work offline to read the studies cached on this computer.</translation>
    </message>
    <message>
      <source>Unlocking the local data…</source>
      <translation>Unlocking the local data…</translation>
    </message>
    <message>
      <source>The local data could not be opened (%1).</source>
      <translation>The local data could not be opened (%1).</translation>
    </message>
  </context>
  <context>
    <name>MeasurementPanel</name>
    <message>
      <source>%1, image %2: %3</source>
      <translation>%1, image %2: %3</translation>
    </message>
    <message>
      <source>%1, %2 (MPR): %3</source>
      <translation>%1, %2 (MPR): %3</translation>
    </message>
    <message>
      <source>Angle</source>
      <translation>Angle</translation>
    </message>
    <message>
      <source>Cobb angle</source>
      <translation>Cobb angle</translation>
    </message>
    <message>
      <source>Ellipse</source>
      <translation>Ellipse</translation>
    </message>
    <message>
      <source>Freehand</source>
      <translation>Freehand</translation>
    </message>
    <message>
      <source>Length</source>
      <translation>Length</translation>
    </message>
    <message>
      <source>Rectangle</source>
      <translation>Rectangle</translation>
    </message>
  </context>
  <context>
    <name>MprMode</name>
    <message>
      <source>Open a series first.</source>
      <translation>Open a series first.</translation>
    </message>
    <message>
      <source>MPR needs a grayscale series.</source>
      <translation>MPR needs a grayscale series.</translation>
    </message>
    <message>
      <source>MPR needs a series of at least %1 slices.</source>
      <translation>MPR needs a series of at least %1 slices.</translation>
    </message>
    <message>
      <source>This series cannot be reformatted: %1</source>
      <translation>This series cannot be reformatted: %1</translation>
    </message>
    <message>
      <source>MPR</source>
      <translation>MPR</translation>
    </message>
    <message>
      <source>3D preset: %1</source>
      <translation>3D preset: %1</translation>
    </message>
  </context>
  <context>
    <name>MprView</name>
    <message>
      <source>Axial</source>
      <translation>Axial</translation>
    </message>
    <message>
      <source>Clip box around the crosshair</source>
      <translation>Clip box around the crosshair</translation>
    </message>
    <message>
      <source>Coronal</source>
      <translation>Coronal</translation>
    </message>
    <message>
      <source>Reset the 3D view</source>
      <translation>Reset the 3D view</translation>
    </message>
    <message>
      <source>Sagittal</source>
      <translation>Sagittal</translation>
    </message>
  </context>
  <context>
    <name>OfflineBanner</name>
    <message>
      <source>Try now</source>
      <translation>Try now</translation>
    </message>
    <message>
      <source>OFFLINE — the hub cannot be reached. Cached studies can be read; reports are kept in the outbox and sent when the connection is back. Reconnecting automatically…</source>
      <translation>OFFLINE — the hub cannot be reached. Cached studies can be read; reports are kept in the outbox and sent when the connection is back. Reconnecting automatically…</translation>
    </message>
    <message>
      <source>Worklist as of %1.</source>
      <translation>Worklist as of %1.</translation>
    </message>
  </context>
  <context>
    <name>OptionalDateEdit</name>
    <message>
      <source>any</source>
      <translation>any</translation>
    </message>
    <message>
      <source>Study date; Delete clears it</source>
      <translation>Study date; Delete clears it</translation>
    </message>
  </context>
  <context>
    <name>OutboxRetry</name>
    <message>
      <source>Retry now</source>
      <translation>Retry now</translation>
    </message>
    <message>
      <source>Send the queued report to the hub now; it cannot be filed twice</source>
      <translation>Send the queued report to the hub now; it cannot be filed twice</translation>
    </message>
    <message>
      <source>The report text has changed since it was signed. Sign it again to send the new text.</source>
      <translation>The report text has changed since it was signed. Sign it again to send the new text.</translation>
    </message>
    <message>
      <source>Signed here; waiting in the outbox</source>
      <translation>Signed here; waiting in the outbox</translation>
    </message>
    <message>
      <source>Sending the queued report…</source>
      <translation>Sending the queued report…</translation>
    </message>
    <message>
      <source>The hub could not take the report yet; it stays in the outbox and is retried automatically.</source>
      <translation>The hub could not take the report yet; it stays in the outbox and is retried automatically.</translation>
    </message>
    <message>
      <source>The report could not be sent because of an unexpected error; it stays in the outbox.</source>
      <translation>The report could not be sent because of an unexpected error; it stays in the outbox.</translation>
    </message>
  </context>
  <context>
    <name>PatientExportDialog</name>
    <message>
      <source>Export patient data</source>
      <translation>Export patient data</translation>
    </message>
    <message>
      <source>Encrypted zip (*.zip)</source>
      <translation>Encrypted zip (*.zip)</translation>
    </message>
    <message>
      <source>Every cached study and report of this patient, in one zip encrypted with AES-256. Give the password to the patient separately; it is not stored.</source>
      <translation>Every cached study and report of this patient, in one zip encrypted with AES-256. Give the password to the patient separately; it is not stored.</translation>
    </message>
    <message>
      <source>Zip file</source>
      <translation>Zip file</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Repeat password</source>
      <translation>Repeat password</translation>
    </message>
    <message>
      <source>Choose where to save the zip file.</source>
      <translation>Choose where to save the zip file.</translation>
    </message>
    <message>
      <source>The password needs at least %1 characters.</source>
      <translation>The password needs at least %1 characters.</translation>
    </message>
    <message>
      <source>The two passwords differ.</source>
      <translation>The two passwords differ.</translation>
    </message>
  </context>
  <context>
    <name>Presets</name>
    <message>
      <source>%1: W %2 / L %3 (key %4)</source>
      <translation>%1: W %2 / L %3 (key %4)</translation>
    </message>
    <message>
      <source>Abdomen</source>
      <translation>Abdomen</translation>
    </message>
    <message>
      <source>Bone</source>
      <translation>Bone</translation>
    </message>
    <message>
      <source>Brain</source>
      <translation>Brain</translation>
    </message>
    <message>
      <source>Liver</source>
      <translation>Liver</translation>
    </message>
    <message>
      <source>Lung</source>
      <translation>Lung</translation>
    </message>
    <message>
      <source>Mediastinum</source>
      <translation>Mediastinum</translation>
    </message>
    <message>
      <source>Stroke</source>
      <translation>Stroke</translation>
    </message>
    <message>
      <source>Subdural</source>
      <translation>Subdural</translation>
    </message>
  </context>
  <context>
    <name>PresetsPage</name>
    <message>
      <source>Window presets</source>
      <translation>Window presets</translation>
    </message>
    <message>
      <source>Modality of the presets</source>
      <translation>Modality of the presets</translation>
    </message>
    <message>
      <source>Window presets of the modality</source>
      <translation>Window presets of the modality</translation>
    </message>
    <message>
      <source>Key</source>
      <translation>Key</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Centre</source>
      <translation>Centre</translation>
    </message>
    <message>
      <source>Width</source>
      <translation>Width</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>Shipped presets</source>
      <translation>Shipped presets</translation>
    </message>
    <message>
      <source>Go back to the presets delivered with the workstation</source>
      <translation>Go back to the presets delivered with the workstation</translation>
    </message>
    <message>
      <source>Modality</source>
      <translation>Modality</translation>
    </message>
    <message>
      <source>Row %1: key must be 1–9, centre and width numbers.</source>
      <translation>Row %1: key must be 1–9, centre and width numbers.</translation>
    </message>
  </context>
  <context>
    <name>ReadingDesk</name>
    <message>
      <source>Read-only: your role does not sign reports.</source>
      <translation>Read-only: your role does not sign reports.</translation>
    </message>
    <message>
      <source>No unread study is waiting on the worklist (with its filters).</source>
      <translation>No unread study is waiting on the worklist (with its filters).</translation>
    </message>
    <message>
      <source>Taking the reading lock…</source>
      <translation>Taking the reading lock…</translation>
    </message>
    <message>
      <source>Reading lock: yours until %1</source>
      <translation>Reading lock: yours until %1</translation>
    </message>
    <message>
      <source>Reading lock: yours</source>
      <translation>Reading lock: yours</translation>
    </message>
    <message>
      <source>Renewed automatically while the study stays open.</source>
      <translation>Renewed automatically while the study stays open.</translation>
    </message>
    <message>
      <source>Read-only: %1 is reading this study.</source>
      <translation>Read-only: %1 is reading this study.</translation>
    </message>
    <message>
      <source>Read-only: %1</source>
      <translation>Read-only: %1</translation>
    </message>
    <message>
      <source>Held by %1</source>
      <translation>Held by %1</translation>
    </message>
    <message>
      <source>Their reading lock runs until %1.</source>
      <translation>Their reading lock runs until %1.</translation>
    </message>
    <message>
      <source>No reading lock</source>
      <translation>No reading lock</translation>
    </message>
    <message>
      <source>The reading lock could not be taken (%1); another reader could open this study at the same time.</source>
      <translation>The reading lock could not be taken (%1); another reader could open this study at the same time.</translation>
    </message>
    <message>
      <source>Unsent report</source>
      <translation>Unsent report</translation>
    </message>
    <message>
      <source>The report of the open study has not been sent. Close the study and discard the text?</source>
      <translation>The report of the open study has not been sent. Close the study and discard the text?</translation>
    </message>
  </context>
  <context>
    <name>ReloginDialog</name>
    <message>
      <source>Sign in again — Workstation</source>
      <translation>Sign in again — Workstation</translation>
    </message>
    <message>
      <source>Your session has ended</source>
      <translation>Your session has ended</translation>
    </message>
    <message>
      <source>Only the reader who opened this session can continue it.</source>
      <translation>Only the reader who opened this session can continue it.</translation>
    </message>
    <message>
      <source>The hub no longer accepts this session: it expired or was ended elsewhere. Sign in again to continue. The open study, its images and your report text stay as they are.</source>
      <translation>The hub no longer accepts this session: it expired or was ended elsewhere. Sign in again to continue. The open study, its images and your report text stay as they are.</translation>
    </message>
  </context>
  <context>
    <name>ReportFlows</name>
    <message>
      <source>Critical…</source>
      <translation>Critical…</translation>
    </message>
    <message>
      <source>Record a critical finding (Ctrl+Shift+C)</source>
      <translation>Record a critical finding (Ctrl+Shift+C)</translation>
    </message>
    <message>
      <source>Versions…</source>
      <translation>Versions…</translation>
    </message>
    <message>
      <source>Signed versions and their differences</source>
      <translation>Signed versions and their differences</translation>
    </message>
    <message>
      <source>Amend…</source>
      <translation>Amend…</translation>
    </message>
    <message>
      <source>Write a new version of the signed report</source>
      <translation>Write a new version of the signed report</translation>
    </message>
    <message>
      <source>Export PDF…</source>
      <translation>Export PDF…</translation>
    </message>
    <message>
      <source>Save the signed report as a PDF</source>
      <translation>Save the signed report as a PDF</translation>
    </message>
    <message>
      <source>Print report…</source>
      <translation>Print report…</translation>
    </message>
    <message>
      <source>Print the signed report (Ctrl+Shift+P)</source>
      <translation>Print the signed report (Ctrl+Shift+P)</translation>
    </message>
    <message>
      <source>Draft restored (saved at %1).</source>
      <translation>Draft restored (saved at %1).</translation>
    </message>
    <message>
      <source>Draft restored from the hub.</source>
      <translation>Draft restored from the hub.</translation>
    </message>
    <message>
      <source>The authenticator code was not accepted; the report was not signed.</source>
      <translation>The authenticator code was not accepted; the report was not signed.</translation>
    </message>
    <message>
      <source>Sign and submit…</source>
      <translation>Sign and submit…</translation>
    </message>
    <message>
      <source>Sent to the hub.</source>
      <translation>Sent to the hub.</translation>
    </message>
    <message>
      <source>Discard draft</source>
      <translation>Discard draft</translation>
    </message>
    <message>
      <source>Delete the unsent report text of this study? It is not restored the next time the study opens.</source>
      <translation>Delete the unsent report text of this study? It is not restored the next time the study opens.</translation>
    </message>
    <message>
      <source>Draft discarded.</source>
      <translation>Draft discarded.</translation>
    </message>
    <message>
      <source>Sign amendment…</source>
      <translation>Sign amendment…</translation>
    </message>
    <message>
      <source>Amending: edit the report, then sign the amendment.</source>
      <translation>Amending: edit the report, then sign the amendment.</translation>
    </message>
    <message>
      <source>The hub could not answer: %1</source>
      <translation>The hub could not answer: %1</translation>
    </message>
    <message>
      <source>Recording the critical finding…</source>
      <translation>Recording the critical finding…</translation>
    </message>
    <message>
      <source>Critical finding recorded; reminders continue until the recipient acknowledges it.</source>
      <translation>Critical finding recorded; reminders continue until the recipient acknowledges it.</translation>
    </message>
    <message>
      <source>The critical finding was acknowledged.</source>
      <translation>The critical finding was acknowledged.</translation>
    </message>
    <message>
      <source>Outbox: sent to the hub.</source>
      <translation>Outbox: sent to the hub.</translation>
    </message>
    <message>
      <source>Outbox: failed — the hub refused the report (%1). Sign it again.</source>
      <translation>Outbox: failed — the hub refused the report (%1). Sign it again.</translation>
    </message>
    <message>
      <source>Report sent from the outbox.</source>
      <translation>Report sent from the outbox.</translation>
    </message>
    <message>
      <source>The hub refused the queued report; your text is kept. Correct it if needed and sign again.</source>
      <translation>The hub refused the queued report; your text is kept. Correct it if needed and sign again.</translation>
    </message>
    <message>
      <source>Outbox: sending…</source>
      <translation>Outbox: sending…</translation>
    </message>
    <message>
      <source>Discard…</source>
      <translation>Discard…</translation>
    </message>
    <message>
      <source>Discard the draft: delete the unsent text here and on the hub</source>
      <translation>Discard the draft: delete the unsent text here and on the hub</translation>
    </message>
    <message>
      <source>Outbox: pending.</source>
      <translation>Outbox: pending.</translation>
    </message>
    <message>
      <source>Outbox: pending (attempt %1); retried automatically.</source>
      <translation>Outbox: pending (attempt %1); retried automatically.</translation>
    </message>
    <message>
      <source>Export PDF</source>
      <translation>Export PDF</translation>
    </message>
    <message>
      <source>PDF documents (*.pdf)</source>
      <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
      <source>There is no signed report to export yet.</source>
      <translation>There is no signed report to export yet.</translation>
    </message>
    <message>
      <source>The PDF could not be written: %1</source>
      <translation>The PDF could not be written: %1</translation>
    </message>
    <message>
      <source>PDF saved: %1</source>
      <translation>PDF saved: %1</translation>
    </message>
  </context>
  <context>
    <name>ReportPanel</name>
    <message>
      <source>Describe the findings…</source>
      <translation>Describe the findings…</translation>
    </message>
    <message>
      <source>Conclusion for the referring physician…</source>
      <translation>Conclusion for the referring physician…</translation>
    </message>
    <message>
      <source>Sign and submit…</source>
      <translation>Sign and submit…</translation>
    </message>
    <message>
      <source>Sign this report as final and send it to the hub</source>
      <translation>Sign this report as final and send it to the hub</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Findings</translation>
    </message>
    <message>
      <source>Impression</source>
      <translation>Impression</translation>
    </message>
    <message>
      <source>Submit preliminary…</source>
      <translation>Submit preliminary…</translation>
    </message>
    <message>
      <source>Submit a preliminary report; a radiologist signs the final one</source>
      <translation>Submit a preliminary report; a radiologist signs the final one</translation>
    </message>
    <message>
      <source>%1 must be filled in before signing.</source>
      <translation>%1 must be filled in before signing.</translation>
    </message>
    <message>
      <source>Submitting report…</source>
      <translation>Submitting report…</translation>
    </message>
    <message>
      <source>You are signed in again. Press Submit to send the report; it cannot be filed twice.</source>
      <translation>You are signed in again. Press Submit to send the report; it cannot be filed twice.</translation>
    </message>
    <message>
      <source>Cannot sign yet: %1</source>
      <translation>Cannot sign yet: %1</translation>
    </message>
    <message>
      <source>Queued — will be sent when the hub is reachable</source>
      <translation>Queued — will be sent when the hub is reachable</translation>
    </message>
    <message>
      <source>Report submitted, version %1</source>
      <translation>Report submitted, version %1</translation>
    </message>
    <message>
      <source>Report submitted.</source>
      <translation>Report submitted.</translation>
    </message>
    <message>
      <source>Signed here; waiting in the outbox</source>
      <translation>Signed here; waiting in the outbox</translation>
    </message>
    <message>
      <source>Your text is kept.</source>
      <translation>Your text is kept.</translation>
    </message>
    <message>
      <source>The report could not be submitted because of an unexpected error. Your text is kept.</source>
      <translation>The report could not be submitted because of an unexpected error. Your text is kept.</translation>
    </message>
    <message>
      <source>Your session has ended. Sign in again, then send the report.</source>
      <translation>Your session has ended. Sign in again, then send the report.</translation>
    </message>
    <message>
      <source>You are not allowed to report this study.</source>
      <translation>You are not allowed to report this study.</translation>
    </message>
    <message>
      <source>The hub no longer has this study in your worklist.</source>
      <translation>The hub no longer has this study in your worklist.</translation>
    </message>
    <message>
      <source>The hub refused the report because the study has changed state (for example, it has already been signed).</source>
      <translation>The hub refused the report because the study has changed state (for example, it has already been signed).</translation>
    </message>
    <message>
      <source>The hub did not accept the authenticator code, so the report was not signed. Sign again with the current code.</source>
      <translation>The hub did not accept the authenticator code, so the report was not signed. Sign again with the current code.</translation>
    </message>
    <message>
      <source>The hub could not be reached, so the report was not sent. Try again; it cannot be filed twice.</source>
      <translation>The hub could not be reached, so the report was not sent. Try again; it cannot be filed twice.</translation>
    </message>
    <message>
      <source>The report could not be submitted.</source>
      <translation>The report could not be submitted.</translation>
    </message>
    <message>
      <source>The DICOMweb archive reported a problem filing the report: %1</source>
      <translation>The DICOMweb archive reported a problem filing the report: %1</translation>
    </message>
    <message>
      <source>Acc. %1</source>
      <translation>Acc. %1</translation>
    </message>
    <message>
      <source>Clinical notes: %1</source>
      <translation>Clinical notes: %1</translation>
    </message>
  </context>
  <context>
    <name>ReportPrinting</name>
    <message>
      <source>Print report</source>
      <extracomment>Shows the print dialog for ``printer`` and says whether to print. Injectable: tests direct the printer to a PDF file instead of asking.</extracomment>
      <translation>Print report</translation>
    </message>
    <message>
      <source>There is no signed report to print yet.</source>
      <translation>There is no signed report to print yet.</translation>
    </message>
    <message>
      <source>The stored report could not be opened for printing.</source>
      <translation>The stored report could not be opened for printing.</translation>
    </message>
    <message>
      <source>The printer could not be started; nothing was printed.</source>
      <translation>The printer could not be started; nothing was printed.</translation>
    </message>
    <message>
      <source>The report was printed, but the print could not be recorded in the audit trail.</source>
      <translation>The report was printed, but the print could not be recorded in the audit trail.</translation>
    </message>
    <message>
      <source>Report printed (%1 page(s)).</source>
      <translation>Report printed (%1 page(s)).</translation>
    </message>
  </context>
  <context>
    <name>SavedFiltersWidget</name>
    <message>
      <source>Apply a saved filter</source>
      <translation>Apply a saved filter</translation>
    </message>
    <message>
      <source>Save…</source>
      <translation>Save…</translation>
    </message>
    <message>
      <source>Save the current filters under a name</source>
      <translation>Save the current filters under a name</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>Delete the selected saved filter</source>
      <translation>Delete the selected saved filter</translation>
    </message>
    <message>
      <source>Saved filters…</source>
      <translation>Saved filters…</translation>
    </message>
    <message>
      <source>Save filter</source>
      <translation>Save filter</translation>
    </message>
    <message>
      <source>Name of the saved filter:</source>
      <translation>Name of the saved filter:</translation>
    </message>
  </context>
  <context>
    <name>SecurityPage</name>
    <message>
      <source>Security</source>
      <translation>Security</translation>
    </message>
    <message>
      <source> min</source>
      <translation> min</translation>
    </message>
    <message>
      <source>Minutes without input before the screen locks</source>
      <translation>Minutes without input before the screen locks</translation>
    </message>
    <message>
      <source>Certificate authority bundle file</source>
      <translation>Certificate authority bundle file</translation>
    </message>
    <message>
      <source>System certificate store</source>
      <translation>System certificate store</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>Choose a certificate authority bundle</source>
      <translation>Choose a certificate authority bundle</translation>
    </message>
    <message>
      <source>Hub certificate pin, SPKI SHA-256</source>
      <translation>Hub certificate pin, SPKI SHA-256</translation>
    </message>
    <message>
      <source>Not pinned</source>
      <translation>Not pinned</translation>
    </message>
    <message>
      <source>Certificate checks are always on. The hub's policy can lock the screen sooner than set here.</source>
      <translation>Certificate checks are always on. The hub's policy can lock the screen sooner than set here.</translation>
    </message>
    <message>
      <source>Lock after</source>
      <translation>Lock after</translation>
    </message>
    <message>
      <source>CA bundle</source>
      <translation>CA bundle</translation>
    </message>
    <message>
      <source>Hub pin (SPKI SHA-256)</source>
      <translation>Hub pin (SPKI SHA-256)</translation>
    </message>
    <message>
      <source>Certificate authority bundle</source>
      <translation>Certificate authority bundle</translation>
    </message>
  </context>
  <context>
    <name>ServerProfiles</name>
    <message>
      <source>Servers…</source>
      <translation>Servers…</translation>
    </message>
    <message>
      <source>Read from the hub or from a DICOMweb archive (PACS)</source>
      <translation>Read from the hub or from a DICOMweb archive (PACS)</translation>
    </message>
  </context>
  <context>
    <name>ServerProfilesDialog</name>
    <message>
      <source>Servers</source>
      <translation>Servers</translation>
    </message>
    <message>
      <source>None</source>
      <translation>None</translation>
    </message>
    <message>
      <source>User name and password</source>
      <translation>User name and password</translation>
    </message>
    <message>
      <source>Token</source>
      <translation>Token</translation>
    </message>
    <message>
      <source>unchanged</source>
      <translation>unchanged</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>Browse…</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>DICOMweb address</source>
      <translation>DICOMweb address</translation>
    </message>
    <message>
      <source>Sign-in</source>
      <translation>Sign-in</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>Password or token</source>
      <translation>Password or token</translation>
    </message>
    <message>
      <source>CA bundle (PEM)</source>
      <translation>CA bundle (PEM)</translation>
    </message>
    <message>
      <source>Read studies from</source>
      <translation>Read studies from</translation>
    </message>
    <message>
      <source>Reading hub</source>
      <translation>Reading hub</translation>
    </message>
    <message>
      <source>DICOMweb: %1</source>
      <translation>DICOMweb: %1</translation>
    </message>
    <message>
      <source>New DICOMweb server…</source>
      <translation>New DICOMweb server…</translation>
    </message>
    <message>
      <source>CA bundle</source>
      <translation>CA bundle</translation>
    </message>
    <message>
      <source>PEM certificates (*.pem *.crt)</source>
      <translation>PEM certificates (*.pem *.crt)</translation>
    </message>
    <message>
      <source>Give the server a name.</source>
      <translation>Give the server a name.</translation>
    </message>
  </context>
  <context>
    <name>Servers</name>
    <message>
      <source>Servers</source>
      <translation>Servers</translation>
    </message>
    <message>
      <source>The DICOMweb profile cannot be used: %1</source>
      <translation>The DICOMweb profile cannot be used: %1</translation>
    </message>
    <message>
      <source>DICOMweb sign-in</source>
      <translation>DICOMweb sign-in</translation>
    </message>
    <message>
      <source>Password or token for %1:</source>
      <translation>Password or token for %1:</translation>
    </message>
  </context>
  <context>
    <name>ServersPage</name>
    <message>
      <source>Servers</source>
      <translation>Servers</translation>
    </message>
    <message>
      <source>Server profiles</source>
      <translation>Server profiles</translation>
    </message>
    <message>
      <source>Add or edit…</source>
      <translation>Add or edit…</translation>
    </message>
    <message>
      <source>Add or edit a DICOMweb server</source>
      <translation>Add or edit a DICOMweb server</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>Remove the selected DICOMweb server</source>
      <translation>Remove the selected DICOMweb server</translation>
    </message>
    <message>
      <source>The selected server is used from the next start; File &gt; Servers… in the worklist switches at once. Passwords and tokens are kept in the system keychain. Each server's images are cached apart from the others'.</source>
      <translation>The selected server is used from the next start; File &gt; Servers… in the worklist switches at once. Passwords and tokens are kept in the system keychain. Each server's images are cached apart from the others'.</translation>
    </message>
    <message>
      <source>Read studies from</source>
      <translation>Read studies from</translation>
    </message>
    <message>
      <source>Reading hub (default)</source>
      <translation>Reading hub (default)</translation>
    </message>
    <message>
      <source>DICOMweb: %1 (%2)</source>
      <translation>DICOMweb: %1 (%2)</translation>
    </message>
    <message>
      <source>In use</source>
      <translation>In use</translation>
    </message>
  </context>
  <context>
    <name>SessionSecurity</name>
    <message>
      <source>The hub's session token is too large for the system keychain, so your sign-in is not remembered: you will sign in again next time.</source>
      <translation>The hub's session token is too large for the system keychain, so your sign-in is not remembered: you will sign in again next time.</translation>
    </message>
    <message>
      <source>No system keychain is available, so your sign-in is not remembered: you will sign in with password and code again next time. Nothing was written to disk.</source>
      <translation>No system keychain is available, so your sign-in is not remembered: you will sign in with password and code again next time. Nothing was written to disk.</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Settings pages</source>
      <translation>Settings pages</translation>
    </message>
  </context>
  <context>
    <name>ShortcutDialog</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Keyboard shortcuts</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>Keys</translation>
    </message>
    <message>
      <source>Double-click an action, then press its new key.</source>
      <translation>Double-click an action, then press its new key.</translation>
    </message>
    <message>
      <source>Restore defaults</source>
      <translation>Restore defaults</translation>
    </message>
    <message>
      <source>Press the new key for “%1”.</source>
      <translation>Press the new key for “%1”.</translation>
    </message>
    <message>
      <source>%1 is already used by “%2”.</source>
      <translation>%1 is already used by “%2”.</translation>
    </message>
    <message>
      <source>Saved.</source>
      <translation>Saved.</translation>
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <source>MPR and 3D of the series (on or off)</source>
      <translation>MPR and 3D of the series (on or off)</translation>
    </message>
    <message>
      <source>Thicker MPR slab</source>
      <translation>Thicker MPR slab</translation>
    </message>
    <message>
      <source>Thinner MPR slab</source>
      <translation>Thinner MPR slab</translation>
    </message>
    <message>
      <source>MPR slab mode (MIP, MinIP, average)</source>
      <translation>MPR slab mode (MIP, MinIP, average)</translation>
    </message>
    <message>
      <source>Angle</source>
      <translation>Angle</translation>
    </message>
    <message>
      <source>Automatic window from the histogram</source>
      <translation>Automatic window from the histogram</translation>
    </message>
    <message>
      <source>Cancel the current tool</source>
      <translation>Cancel the current tool</translation>
    </message>
    <message>
      <source>Cobb angle</source>
      <translation>Cobb angle</translation>
    </message>
    <message>
      <source>DICOM tag browser</source>
      <translation>DICOM tag browser</translation>
    </message>
    <message>
      <source>Delete all measurements on the image</source>
      <translation>Delete all measurements on the image</translation>
    </message>
    <message>
      <source>Delete the selected measurement</source>
      <translation>Delete the selected measurement</translation>
    </message>
    <message>
      <source>Ellipse ROI</source>
      <translation>Ellipse ROI</translation>
    </message>
    <message>
      <source>Export anonymized…</source>
      <translation>Export anonymized…</translation>
    </message>
    <message>
      <source>Faster cine</source>
      <translation>Faster cine</translation>
    </message>
    <message>
      <source>First image</source>
      <translation>First image</translation>
    </message>
    <message>
      <source>Fit the image to the viewport</source>
      <translation>Fit the image to the viewport</translation>
    </message>
    <message>
      <source>Flip horizontally</source>
      <translation>Flip horizontally</translation>
    </message>
    <message>
      <source>Flip vertically</source>
      <translation>Flip vertically</translation>
    </message>
    <message>
      <source>Four viewports</source>
      <translation>Four viewports</translation>
    </message>
    <message>
      <source>Freehand ROI</source>
      <translation>Freehand ROI</translation>
    </message>
    <message>
      <source>Go to the report template</source>
      <translation>Go to the report template</translation>
    </message>
    <message>
      <source>Hide or show all overlays</source>
      <translation>Hide or show all overlays</translation>
    </message>
    <message>
      <source>Hide or show patient data</source>
      <translation>Hide or show patient data</translation>
    </message>
    <message>
      <source>Invert grey levels</source>
      <translation>Invert grey levels</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Keyboard shortcuts</translation>
    </message>
    <message>
      <source>Last image</source>
      <translation>Last image</translation>
    </message>
    <message>
      <source>Length</source>
      <translation>Length</translation>
    </message>
    <message>
      <source>Link here (keep this image offset)</source>
      <translation>Link here (keep this image offset)</translation>
    </message>
    <message>
      <source>Link scrolling</source>
      <translation>Link scrolling</translation>
    </message>
    <message>
      <source>Link window/level</source>
      <translation>Link window/level</translation>
    </message>
    <message>
      <source>Link zoom and pan</source>
      <translation>Link zoom and pan</translation>
    </message>
    <message>
      <source>List key images</source>
      <translation>List key images</translation>
    </message>
    <message>
      <source>Lock the workstation now</source>
      <translation>Lock the workstation now</translation>
    </message>
    <message>
      <source>Mark or unmark key image</source>
      <translation>Mark or unmark key image</translation>
    </message>
    <message>
      <source>Match the synchronised images shown now</source>
      <translation>Match the synchronised images shown now</translation>
    </message>
    <message>
      <source>Measurement list</source>
      <translation>Measurement list</translation>
    </message>
    <message>
      <source>Move the report to another screen</source>
      <translation>Move the report to another screen</translation>
    </message>
    <message>
      <source>Next hanging stage</source>
      <translation>Next hanging stage</translation>
    </message>
    <message>
      <source>Next image</source>
      <translation>Next image</translation>
    </message>
    <message>
      <source>Next series</source>
      <translation>Next series</translation>
    </message>
    <message>
      <source>Next study</source>
      <translation>Next study</translation>
    </message>
    <message>
      <source>Next window of the image</source>
      <translation>Next window of the image</translation>
    </message>
    <message>
      <source>Nine viewports</source>
      <translation>Nine viewports</translation>
    </message>
    <message>
      <source>One image pixel per screen pixel</source>
      <translation>One image pixel per screen pixel</translation>
    </message>
    <message>
      <source>One viewport</source>
      <translation>One viewport</translation>
    </message>
    <message>
      <source>Pixel probe</source>
      <translation>Pixel probe</translation>
    </message>
    <message>
      <source>Previous hanging stage</source>
      <translation>Previous hanging stage</translation>
    </message>
    <message>
      <source>Previous image</source>
      <translation>Previous image</translation>
    </message>
    <message>
      <source>Previous series</source>
      <translation>Previous series</translation>
    </message>
    <message>
      <source>Previous study</source>
      <translation>Previous study</translation>
    </message>
    <message>
      <source>Previous window of the image</source>
      <translation>Previous window of the image</translation>
    </message>
    <message>
      <source>Print report…</source>
      <translation>Print report…</translation>
    </message>
    <message>
      <source>Record a critical finding</source>
      <translation>Record a critical finding</translation>
    </message>
    <message>
      <source>Rectangle ROI</source>
      <translation>Rectangle ROI</translation>
    </message>
    <message>
      <source>Reset view and window</source>
      <translation>Reset view and window</translation>
    </message>
    <message>
      <source>Rotate 90 degrees clockwise</source>
      <translation>Rotate 90 degrees clockwise</translation>
    </message>
    <message>
      <source>Rotate 90 degrees counter-clockwise</source>
      <translation>Rotate 90 degrees counter-clockwise</translation>
    </message>
    <message>
      <source>Save layout as protocol</source>
      <translation>Save layout as protocol</translation>
    </message>
    <message>
      <source>Show reference lines</source>
      <translation>Show reference lines</translation>
    </message>
    <message>
      <source>Six viewports</source>
      <translation>Six viewports</translation>
    </message>
    <message>
      <source>Sixteen viewports</source>
      <translation>Sixteen viewports</translation>
    </message>
    <message>
      <source>Slower cine</source>
      <translation>Slower cine</translation>
    </message>
    <message>
      <source>Start or stop cine</source>
      <translation>Start or stop cine</translation>
    </message>
    <message>
      <source>Ten images back</source>
      <translation>Ten images back</translation>
    </message>
    <message>
      <source>Ten images forward</source>
      <translation>Ten images forward</translation>
    </message>
    <message>
      <source>The image's own window</source>
      <translation>The image's own window</translation>
    </message>
    <message>
      <source>True physical size</source>
      <translation>True physical size</translation>
    </message>
    <message>
      <source>Twelve viewports</source>
      <translation>Twelve viewports</translation>
    </message>
    <message>
      <source>Two viewports one above the other</source>
      <translation>Two viewports one above the other</translation>
    </message>
    <message>
      <source>Two viewports side by side</source>
      <translation>Two viewports side by side</translation>
    </message>
    <message>
      <source>Window preset 1</source>
      <translation>Window preset 1</translation>
    </message>
    <message>
      <source>Window preset 2</source>
      <translation>Window preset 2</translation>
    </message>
    <message>
      <source>Window preset 3</source>
      <translation>Window preset 3</translation>
    </message>
    <message>
      <source>Window preset 4</source>
      <translation>Window preset 4</translation>
    </message>
    <message>
      <source>Window preset 5</source>
      <translation>Window preset 5</translation>
    </message>
    <message>
      <source>Window preset 6</source>
      <translation>Window preset 6</translation>
    </message>
    <message>
      <source>Window preset 7</source>
      <translation>Window preset 7</translation>
    </message>
    <message>
      <source>Window preset 8</source>
      <translation>Window preset 8</translation>
    </message>
    <message>
      <source>Window preset 9</source>
      <translation>Window preset 9</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>Zoom out</translation>
    </message>
    <message>
      <source>Next 3D preset</source>
      <translation>Next 3D preset</translation>
    </message>
    <message>
      <source>3D clip box around the crosshair</source>
      <translation>3D clip box around the crosshair</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsPage</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Keyboard shortcuts</translation>
    </message>
    <message>
      <source>Every viewer action has a key. Change them here; the viewer uses the new keys at once.</source>
      <translation>Every viewer action has a key. Change them here; the viewer uses the new keys at once.</translation>
    </message>
    <message>
      <source>Edit keyboard shortcuts…</source>
      <translation>Edit keyboard shortcuts…</translation>
    </message>
  </context>
  <context>
    <name>SignDialog</name>
    <message>
      <source>Sign amendment</source>
      <translation>Sign amendment</translation>
    </message>
    <message>
      <source>Sign an amended final report? It supersedes the current version; the earlier version stays on record.</source>
      <translation>Sign an amended final report? It supersedes the current version; the earlier version stays on record.</translation>
    </message>
    <message>
      <source>Sign final report</source>
      <translation>Sign final report</translation>
    </message>
    <message>
      <source>Sign this report as FINAL? A signed report can only be changed by an amendment.</source>
      <translation>Sign this report as FINAL? A signed report can only be changed by an amendment.</translation>
    </message>
    <message>
      <source>Submit preliminary report</source>
      <translation>Submit preliminary report</translation>
    </message>
    <message>
      <source>Submit this report as PRELIMINARY? A radiologist signs the final report.</source>
      <translation>Submit this report as PRELIMINARY? A radiologist signs the final report.</translation>
    </message>
    <message>
      <source>Reason for the amendment (required):</source>
      <translation>Reason for the amendment (required):</translation>
    </message>
    <message>
      <source>Authenticator code (the hub asks for it to sign):</source>
      <translation>Authenticator code (the hub asks for it to sign):</translation>
    </message>
    <message>
      <source>Sign</source>
      <translation>Sign</translation>
    </message>
    <message>
      <source>Submit</source>
      <translation>Submit</translation>
    </message>
    <message>
      <source>Say why the report is amended.</source>
      <translation>Say why the report is amended.</translation>
    </message>
    <message>
      <source>Enter the 6-digit code from your authenticator.</source>
      <translation>Enter the 6-digit code from your authenticator.</translation>
    </message>
  </context>
  <context>
    <name>StatBanner</name>
    <message>
      <source>STAT</source>
      <translation>STAT</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Show</translation>
    </message>
    <message>
      <source>Select the new STAT study on the worklist</source>
      <translation>Select the new STAT study on the worklist</translation>
    </message>
    <message>
      <source>Dismiss</source>
      <translation>Dismiss</translation>
    </message>
    <message>
      <source>and %1 more</source>
      <translation>and %1 more</translation>
    </message>
    <message>
      <source>New STAT study on the worklist:</source>
      <translation>New STAT study on the worklist:</translation>
    </message>
    <message>
      <source>%1 new STAT studies on the worklist:</source>
      <translation>%1 new STAT studies on the worklist:</translation>
    </message>
    <message>
      <source>waiting %1</source>
      <translation>waiting %1</translation>
    </message>
    <message>
      <source>%1 min</source>
      <translation>%1 min</translation>
    </message>
    <message>
      <source>%1 h %2 min</source>
      <translation>%1 h %2 min</translation>
    </message>
    <message>
      <source>%1 days</source>
      <translation>%1 days</translation>
    </message>
  </context>
  <context>
    <name>StatCounter</name>
    <message>
      <source>STAT %1</source>
      <translation>STAT %1</translation>
    </message>
    <message>
      <source>1 unread STAT study on the worklist.</source>
      <translation>1 unread STAT study on the worklist.</translation>
    </message>
    <message>
      <source>%1 unread STAT studies on the worklist.</source>
      <translation>%1 unread STAT studies on the worklist.</translation>
    </message>
    <message>
      <source>Click to show the worklist.</source>
      <translation>Click to show the worklist.</translation>
    </message>
  </context>
  <context>
    <name>StructuredEditor</name>
    <message>
      <source>Report template</source>
      <translation>Report template</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>Normal</translation>
    </message>
    <message>
      <source>Fill empty fields with normal phrases (Ctrl+Shift+N)</source>
      <translation>Fill empty fields with normal phrases (Ctrl+Shift+N)</translation>
    </message>
    <message>
      <source>Measurements</source>
      <translation>Measurements</translation>
    </message>
    <message>
      <source>Add the viewer's measurements and key images (Ctrl+Shift+M)</source>
      <translation>Add the viewer's measurements and key images (Ctrl+Shift+M)</translation>
    </message>
    <message>
      <source>Template</source>
      <translation>Template</translation>
    </message>
    <message>
      <source>Attached: %1 measurement(s), %2 key image(s)</source>
      <translation>Attached: %1 measurement(s), %2 key image(s)</translation>
    </message>
  </context>
  <context>
    <name>StudyProgress</name>
    <message>
      <source>Study: %v / %m images</source>
      <translation>Study: %v / %m images</translation>
    </message>
  </context>
  <context>
    <name>TagBrowser</name>
    <message>
      <source>%n item(s)</source>
      <translation>%n item(s)</translation>
    </message>
    <message>
      <source>&lt;%n bytes&gt;</source>
      <translation>&lt;%n bytes&gt;</translation>
    </message>
    <message>
      <source>DICOM tags</source>
      <translation>DICOM tags</translation>
    </message>
    <message>
      <source>Search tag, keyword or value</source>
      <translation>Search tag, keyword or value</translation>
    </message>
    <message>
      <source>Reading the image header…</source>
      <translation>Reading the image header…</translation>
    </message>
    <message>
      <source>Tag</source>
      <translation>Tag</translation>
    </message>
    <message>
      <source>Keyword</source>
      <translation>Keyword</translation>
    </message>
    <message>
      <source>VR</source>
      <translation>VR</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Value</translation>
    </message>
    <message>
      <source>This image is not in the local cache.</source>
      <translation>This image is not in the local cache.</translation>
    </message>
    <message numerus="yes">
      <source>%n attribute(s)</source>
      <translation>
        <numerusform>%n attribute</numerusform>
        <numerusform>%n attributes</numerusform>
      </translation>
    </message>
    <message>
      <source>The image header could not be read.</source>
      <translation>The image header could not be read.</translation>
    </message>
  </context>
  <context>
    <name>ThumbnailStrip</name>
    <message>
      <source>Downloading %1/%2 (%3%)</source>
      <translation>Downloading %1/%2 (%3%)</translation>
    </message>
    <message>
      <source>Ready</source>
      <translation>Ready</translation>
    </message>
    <message>
      <source>Incomplete: %1/%2</source>
      <translation>Incomplete: %1/%2</translation>
    </message>
    <message>
      <source>Download failed</source>
      <translation>Download failed</translation>
    </message>
    <message>
      <source>Waiting</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <source>Series %1</source>
      <translation>Series %1</translation>
    </message>
    <message>
      <source>%1 images</source>
      <translation>%1 images</translation>
    </message>
    <message>
      <source>(no description)</source>
      <translation>(no description)</translation>
    </message>
  </context>
  <context>
    <name>VersionHistoryDialog</name>
    <message>
      <source>Report versions</source>
      <translation>Report versions</translation>
    </message>
    <message>
      <source>From</source>
      <translation>From</translation>
    </message>
    <message>
      <source>to</source>
      <translation>to</translation>
    </message>
    <message>
      <source>No signed version yet.</source>
      <translation>No signed version yet.</translation>
    </message>
    <message>
      <source>Amendment reason: %1</source>
      <translation>Amendment reason: %1</translation>
    </message>
    <message>
      <source>FINDINGS</source>
      <translation>FINDINGS</translation>
    </message>
    <message>
      <source>IMPRESSION</source>
      <translation>IMPRESSION</translation>
    </message>
    <message>
      <source>final</source>
      <translation>final</translation>
    </message>
    <message>
      <source>preliminary</source>
      <translation>preliminary</translation>
    </message>
    <message>
      <source>superseded</source>
      <translation>superseded</translation>
    </message>
  </context>
  <context>
    <name>ViewerActions</name>
    <message>
      <source>%1 × %2</source>
      <translation>%1 × %2</translation>
    </message>
    <message>
      <source>This screen does not report its physical size.</source>
      <translation>This screen does not report its physical size.</translation>
    </message>
  </context>
  <context>
    <name>ViewerToolbar</name>
    <message>
      <source>MPR / 3D</source>
      <translation>MPR / 3D</translation>
    </message>
    <message>
      <source>Auto</source>
      <translation>Auto</translation>
    </message>
    <message>
      <source>Cine</source>
      <translation>Cine</translation>
    </message>
    <message>
      <source>Hide patient data</source>
      <translation>Hide patient data</translation>
    </message>
    <message>
      <source>Image</source>
      <translation>Image</translation>
    </message>
    <message>
      <source>Invert</source>
      <translation>Invert</translation>
    </message>
    <message>
      <source>Key image</source>
      <translation>Key image</translation>
    </message>
    <message>
      <source>Layout</source>
      <translation>Layout</translation>
    </message>
    <message>
      <source>Link</source>
      <translation>Link</translation>
    </message>
    <message>
      <source>Measure</source>
      <translation>Measure</translation>
    </message>
    <message>
      <source>Next study</source>
      <translation>Next study</translation>
    </message>
    <message>
      <source>No presets for this image</source>
      <translation>No presets for this image</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Reset</translation>
    </message>
    <message>
      <source>Tools</source>
      <translation>Tools</translation>
    </message>
    <message>
      <source>View</source>
      <translation>View</translation>
    </message>
    <message>
      <source>Window</source>
      <translation>Window</translation>
    </message>
    <message>
      <source>Window %1</source>
      <translation>Window %1</translation>
    </message>
  </context>
  <context>
    <name>ViewerWindow</name>
    <message>
      <source>Loading study…</source>
      <translation>Loading study…</translation>
    </message>
    <message>
      <source>Asking the hub for the study…</source>
      <translation>Asking the hub for the study…</translation>
    </message>
    <message>
      <source>Signed in again; continuing…</source>
      <translation>Signed in again; continuing…</translation>
    </message>
    <message>
      <source>Opening series…</source>
      <translation>Opening series…</translation>
    </message>
    <message>
      <source>No window on key %1 for this image.</source>
      <translation>No window on key %1 for this image.</translation>
    </message>
    <message>
      <source>This study has no images.</source>
      <translation>This study has no images.</translation>
    </message>
    <message>
      <source>Downloading images…</source>
      <translation>Downloading images…</translation>
    </message>
    <message>
      <source>Decoding images…</source>
      <translation>Decoding images…</translation>
    </message>
    <message numerus="yes">
      <source>%n image(s) of a series could not be downloaded.</source>
      <translation>
        <numerusform>%n image of a series could not be downloaded.</numerusform>
        <numerusform>%n images of a series could not be downloaded.</numerusform>
      </translation>
    </message>
    <message>
      <source>This series has no image that can be displayed.</source>
      <translation>This series has no image that can be displayed.</translation>
    </message>
    <message>
      <source>This series holds %1 image stacks; the largest is shown.</source>
      <translation>This series holds %1 image stacks; the largest is shown.</translation>
    </message>
    <message numerus="yes">
      <source>%n image(s) could not be shown.</source>
      <translation>
        <numerusform>%n image could not be shown.</numerusform>
        <numerusform>%n images could not be shown.</numerusform>
      </translation>
    </message>
    <message>
      <source>Your session has expired. Loading continues once you sign in again.</source>
      <translation>Your session has expired. Loading continues once you sign in again.</translation>
    </message>
    <message>
      <source>The hub cannot be reached. Check the connection and click the series to try again.</source>
      <translation>The hub cannot be reached. Check the connection and click the series to try again.</translation>
    </message>
    <message>
      <source>The hub refused the request: %1</source>
      <translation>The hub refused the request: %1</translation>
    </message>
    <message>
      <source>The images of this series could not be decoded.</source>
      <translation>The images of this series could not be decoded.</translation>
    </message>
    <message>
      <source>The study could not be opened because of an unexpected error.</source>
      <translation>The study could not be opened because of an unexpected error.</translation>
    </message>
    <message>
      <source>Image %1/%2   W %3  L %4   Zoom %5</source>
      <translation>Image %1/%2   W %3  L %4   Zoom %5</translation>
    </message>
    <message>
      <source>Viewer</source>
      <translation>Viewer</translation>
    </message>
    <message numerus="yes">
      <source>%n series</source>
      <translation>
        <numerusform>%n series</numerusform>
        <numerusform>%n series</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Viewport</name>
    <message>
      <source>No series loaded</source>
      <translation>No series loaded</translation>
    </message>
  </context>
  <context>
    <name>ViewportCell</name>
    <message>
      <source>Drag a series here</source>
      <translation>Drag a series here</translation>
    </message>
  </context>
  <context>
    <name>VolumePresets</name>
    <message>
      <source>CT bone</source>
      <translation>CT bone</translation>
    </message>
    <message>
      <source>CT soft tissue</source>
      <translation>CT soft tissue</translation>
    </message>
    <message>
      <source>CT angio (vessels)</source>
      <translation>CT angio (vessels)</translation>
    </message>
    <message>
      <source>CT lung</source>
      <translation>CT lung</translation>
    </message>
    <message>
      <source>MR default</source>
      <translation>MR default</translation>
    </message>
  </context>
  <context>
    <name>WorklistModel</name>
    <message>
      <source>Priority</source>
      <translation>Priority</translation>
    </message>
    <message>
      <source>Patient</source>
      <translation>Patient</translation>
    </message>
    <message>
      <source>Patient ID</source>
      <translation>Patient ID</translation>
    </message>
    <message>
      <source>Accession</source>
      <translation>Accession</translation>
    </message>
    <message>
      <source>Modality</source>
      <translation>Modality</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Description</translation>
    </message>
    <message>
      <source>Study date</source>
      <translation>Study date</translation>
    </message>
    <message>
      <source>Hospital</source>
      <translation>Hospital</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Reader</source>
      <translation>Reader</translation>
    </message>
    <message>
      <source>Critical result</source>
      <translation>Critical result</translation>
    </message>
    <message>
      <source>Priors</source>
      <translation>Priors</translation>
    </message>
    <message>
      <source>STAT</source>
      <translation>STAT</translation>
    </message>
    <message>
      <source>URGENT</source>
      <translation>URGENT</translation>
    </message>
    <message>
      <source>Routine</source>
      <translation>Routine</translation>
    </message>
    <message>
      <source>Unread</source>
      <translation>Unread</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Reported (preliminary)</source>
      <translation>Reported (preliminary)</translation>
    </message>
    <message>
      <source>Reported (final)</source>
      <translation>Reported (final)</translation>
    </message>
    <message>
      <source>Mine</source>
      <translation>Mine</translation>
    </message>
    <message>
      <source>Held by %1</source>
      <translation>Held by %1</translation>
    </message>
    <message>
      <source>You hold the reading lock until %1.</source>
      <translation>You hold the reading lock until %1.</translation>
    </message>
    <message>
      <source>You hold the reading lock.</source>
      <translation>You hold the reading lock.</translation>
    </message>
    <message>
      <source>%1 holds the reading lock until %2; the study opens read-only.</source>
      <translation>%1 holds the reading lock until %2; the study opens read-only.</translation>
    </message>
    <message>
      <source>%1 holds the reading lock; the study opens read-only.</source>
      <translation>%1 holds the reading lock; the study opens read-only.</translation>
    </message>
    <message>
      <source>%1 unacknowledged</source>
      <translation>%1 unacknowledged</translation>
    </message>
    <message>
      <source>Outbox: pending</source>
      <translation>Outbox: pending</translation>
    </message>
    <message>
      <source>Outbox: sending</source>
      <translation>Outbox: sending</translation>
    </message>
    <message>
      <source>Outbox: sent</source>
      <translation>Outbox: sent</translation>
    </message>
    <message>
      <source>Outbox: failed</source>
      <translation>Outbox: failed</translation>
    </message>
    <message>
      <source>The report was signed here and waits in the outbox; it is sent when the hub is reachable.</source>
      <translation>The report was signed here and waits in the outbox; it is sent when the hub is reachable.</translation>
    </message>
    <message>
      <source>The report is being sent.</source>
      <translation>The report is being sent.</translation>
    </message>
    <message>
      <source>The report from the outbox reached the hub.</source>
      <translation>The report from the outbox reached the hub.</translation>
    </message>
    <message>
      <source>The hub refused the report from the outbox; open the study and sign it again.</source>
      <translation>The hub refused the report from the outbox; open the study and sign it again.</translation>
    </message>
    <message>
      <source>A critical result was communicated and not yet acknowledged by the recipient.</source>
      <translation>A critical result was communicated and not yet acknowledged by the recipient.</translation>
    </message>
    <message>
      <source>%1 critical result communications not yet acknowledged by the recipients.</source>
      <translation>%1 critical result communications not yet acknowledged by the recipients.</translation>
    </message>
  </context>
  <context>
    <name>WorklistTable</name>
    <message>
      <source>Worklist</source>
      <translation>Worklist</translation>
    </message>
  </context>
  <context>
    <name>WorklistWindow</name>
    <message>
      <source>Worklist — %1</source>
      <translation>Worklist — %1</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Reload the worklist from the hub (F5)</source>
      <translation>Reload the worklist from the hub (F5)</translation>
    </message>
    <message>
      <source>Next study</source>
      <translation>Next study</translation>
    </message>
    <message>
      <source>Open the next unread study in priority order (Ctrl+N)</source>
      <translation>Open the next unread study in priority order (Ctrl+N)</translation>
    </message>
    <message>
      <source>Worklist</source>
      <translation>Worklist</translation>
    </message>
    <message>
      <source>Loading worklist…</source>
      <translation>Loading worklist…</translation>
    </message>
    <message>
      <source>Signed out. Press F5 to sign in again and reload the worklist.</source>
      <translation>Signed out. Press F5 to sign in again and reload the worklist.</translation>
    </message>
    <message>
      <source>Signed in again.</source>
      <translation>Signed in again.</translation>
    </message>
    <message numerus="yes">
      <source>%n studies</source>
      <translation>
        <numerusform>%n study</numerusform>
        <numerusform>%n studies</numerusform>
      </translation>
    </message>
    <message>
      <source>first %1 studies (narrow the filters to see the rest)</source>
      <translation>first %1 studies (narrow the filters to see the rest)</translation>
    </message>
    <message numerus="yes">
      <source>%n STAT unread</source>
      <translation>
        <numerusform>%n STAT unread</numerusform>
        <numerusform>%n STAT unread</numerusform>
      </translation>
    </message>
    <message>
      <source>updated %1</source>
      <translation>updated %1</translation>
    </message>
    <message>
      <source>Session expired. Sign in again.</source>
      <translation>Session expired. Sign in again.</translation>
    </message>
    <message>
      <source>The hub cannot be reached. Press F5 to try again.</source>
      <translation>The hub cannot be reached. Press F5 to try again.</translation>
    </message>
    <message>
      <source>Could not load the worklist: %1</source>
      <translation>Could not load the worklist: %1</translation>
    </message>
    <message>
      <source>Could not load the worklist because of an unexpected error.</source>
      <translation>Could not load the worklist because of an unexpected error.</translation>
    </message>
  </context>
  <context>
    <name>_PathRow</name>
    <message>
      <source>Browse…</source>
      <translation>Browse…</translation>
    </message>
    <message>
      <source>Save as</source>
      <translation>Save as</translation>
    </message>
    <message>
      <source>Folder</source>
      <translation>Folder</translation>
    </message>
  </context>
  <context>
    <name>box</name>
    <message>
      <source> fps</source>
      <translation> fps</translation>
    </message>
    <message>
      <source>Cine frame rate (images per second)</source>
      <translation>Cine frame rate (images per second)</translation>
    </message>
  </context>
  <context>
    <name>parent</name>
    <message>
      <source>Clear local cache</source>
      <translation>Clear local cache</translation>
    </message>
  </context>
  <context>
    <name>self.viewer</name>
    <message>
      <source>Marked as key image.</source>
      <translation>Marked as key image.</translation>
    </message>
    <message>
      <source>Key image mark removed.</source>
      <translation>Key image mark removed.</translation>
    </message>
  </context>
  <context>
    <name>viewer</name>
    <message>
      <source>Key images</source>
      <translation>Key images</translation>
    </message>
    <message>
      <source>Measurements</source>
      <translation>Measurements</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Report</translation>
    </message>
    <message>
      <source>Save layout as protocol</source>
      <translation>Save layout as protocol</translation>
    </message>
    <message>
      <source>Protocol name:</source>
      <translation>Protocol name:</translation>
    </message>
    <message>
      <source>Nothing on screen to save as a protocol.</source>
      <translation>Nothing on screen to save as a protocol.</translation>
    </message>
    <message>
      <source>The protocol could not be saved: %1</source>
      <translation>The protocol could not be saved: %1</translation>
    </message>
    <message>
      <source>Layout saved as protocol “%1”.</source>
      <translation>Layout saved as protocol “%1”.</translation>
    </message>
  </context>
  <context>
    <name>window</name>
    <message>
      <source>Export anonymized…</source>
      <translation>Export anonymized…</translation>
    </message>
    <message>
      <source>Export patient data (KVKK request)…</source>
      <translation>Export patient data (KVKK request)…</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>Settings…</translation>
    </message>
    <message>
      <source>Language, theme, cache, security, window presets and keys</source>
      <translation>Language, theme, cache, security, window presets and keys</translation>
    </message>
  </context>
</TS>