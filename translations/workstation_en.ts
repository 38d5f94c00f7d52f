<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>App</name>
    <message>
      <source>Connect to hub</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Address of the reading hub (for example https://hub.example:8443):</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>AppController</name>
    <message>
      <source>No system keychain is available, so the image cache is encrypted with a key that exists only until you close the workstation. Studies you open will be downloaded again next time.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The image cache key in the system keychain was unreadable and has been replaced. Previously cached studies will be downloaded again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signed in, but the image cache could not be opened (%1). Check the disk and try again.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>AutoRefresh</name>
    <message>
      <source>How often the worklist reloads by itself</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Beep on a new STAT study</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Auto-refresh: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>off</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 min</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 s</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DemoHintPanel</name>
    <message>
      <source>Demo hub — sign in with the demo reader account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fill in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Put the demo username, password and current code in the form</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Username</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Current code</source>
      <translation type="unfinished" />
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
      <translation type="unfinished" />
    </message>
    <message>
      <source>Preparing the demo hub</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The first start generates the demo studies and can take a minute.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Starting…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Demo hub</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The demo hub could not be started: %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>FilterBar</name>
    <message>
      <source>Patient name, ID or accession…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Modality</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All modalities</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hospital</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Priority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Clear</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show the whole worklist again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Study date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All hospitals</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All statuses</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>To be read</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unread</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>In progress</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reported</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Preliminary</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Final</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All priorities</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>STAT</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>STAT and urgent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Urgent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Routine</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>KeyImageList</name>
    <message>
      <source>Series %1, image %2</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Cannot reach the hub at %1. Check the network connection and try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Wrong username or password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The 6-digit code is wrong. Check your authenticator app and try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This code has already been used. Wait for the next code (in %1 s) and enter it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The sign-in took too long and has expired. Enter a fresh code and sign in again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Too many attempts. Wait a minute, then try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This account is locked. Contact your administrator.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your session has expired. Sign in again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign-in failed: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign-in failed because of an unexpected error. Try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign in — Workstation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign in to the reading hub</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hub: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Username</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>6-digit code from your authenticator app</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter your username and password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter the 6-digit code from your authenticator app.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signing in…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signed in.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MeasurementPanel</name>
    <message>
      <source>%1, image %2: %3</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>OptionalDateEdit</name>
    <message>
      <source>any</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Study date; Delete clears it</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Presets</name>
    <message>
      <source>%1: W %2 / L %3 (key %4)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Abdomen</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Bone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Brain</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Liver</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lung</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Mediastinum</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stroke</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Subdural</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReadingDesk</name>
    <message>
      <source>Read-only: your role does not sign reports.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No unread study is waiting on the worklist (with its filters).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Taking the reading lock…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reading lock: yours until %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reading lock: yours</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Renewed automatically while the study stays open.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Read-only: %1 is reading this study.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Read-only: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Held by %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Their reading lock runs until %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No reading lock</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The reading lock could not be taken (%1); another reader could open this study at the same time.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unsent report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The report of the open study has not been sent. Close the study and discard the text?</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReloginDialog</name>
    <message>
      <source>Sign in again — Workstation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your session has ended</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Only the reader who opened this session can continue it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The hub no longer accepts this session: it expired or was ended elsewhere. Sign in again to continue. The open study, its images and your report text stay as they are.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReportPanel</name>
    <message>
      <source>Describe the findings…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Conclusion for the referring physician…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign and submit…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign this report as final and send it to the hub</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Findings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Impression</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 must be filled in before signing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Submitting report…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>You are signed in again. Press Submit to send the report; it cannot be filed twice.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Submit report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign and submit final report?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Report submitted, version %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Report submitted.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your text is kept.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The report could not be submitted because of an unexpected error. Your text is kept.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your session has ended. Sign in again, then send the report.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>You are not allowed to report this study.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The hub no longer has this study in your worklist.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The hub refused the report because the study has changed state (for example, it has already been signed).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The hub could not be reached, so the report was not sent. Try again; it cannot be filed twice.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The report could not be submitted.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Acc. %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Clinical notes: %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SavedFiltersWidget</name>
    <message>
      <source>Apply a saved filter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save the current filters under a name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete the selected saved filter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved filters…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save filter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name of the saved filter:</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ShortcutDialog</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Action</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keys</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Double-click an action, then press its new key.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Restore defaults</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Press the new key for “%1”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 is already used by “%2”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <source>MPR and 3D of the series (on or off)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Thicker MPR slab</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Thinner MPR slab</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MPR slab mode (MIP, MinIP, average)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Angle</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Automatic window from the histogram</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel the current tool</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cobb angle</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>DICOM tag browser</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete all measurements on the image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete the selected measurement</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ellipse ROI</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Faster cine</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>First image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fit the image to the viewport</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Flip horizontally</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Flip vertically</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Four viewports</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Freehand ROI</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hide or show all overlays</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hide or show patient data</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Invert grey levels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Last image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Length</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Link scrolling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>List key images</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Mark or unmark key image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next series</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next study</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next window of the image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One image pixel per screen pixel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One viewport</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pixel probe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Previous image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Previous series</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Previous study</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Previous window of the image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rectangle ROI</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reset view and window</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rotate 90 degrees clockwise</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rotate 90 degrees counter-clockwise</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Slower cine</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Start or stop cine</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ten images back</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ten images forward</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The image's own window</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>True physical size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Two viewports side by side</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window preset 1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window preset 2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window preset 3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window preset 4</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window preset 5</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window preset 6</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window preset 7</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window preset 8</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window preset 9</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Zoom in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Zoom out</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>StatBanner</name>
    <message>
      <source>STAT</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Select the new STAT study on the worklist</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dismiss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>and %1 more</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New STAT study on the worklist:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 new STAT studies on the worklist:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>waiting %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 min</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 h %2 min</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 days</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>StatCounter</name>
    <message>
      <source>STAT %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>1 unread STAT study on the worklist.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 unread STAT studies on the worklist.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Click to show the worklist.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>TagBrowser</name>
    <message>
      <source>DICOM tags</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search tag, keyword or value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reading the image header…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tag</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keyword</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>VR</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This image is not in the local cache.</source>
      <translation type="unfinished" />
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
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ThumbnailStrip</name>
    <message>
      <source>Downloading %1/%2 (%3%)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ready</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Incomplete: %1/%2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Download failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Waiting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Series %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 images</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(no description)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ViewerActions</name>
    <message>
      <source>%1 × %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This screen does not report its physical size.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ViewerToolbar</name>
    <message>
      <source>MPR / 3D</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Auto</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cine</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hide patient data</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Invert</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Key image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keyboard shortcuts…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Layout</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Link</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Link here (keep this image offset)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Link window/level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Link zoom</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Measure</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Measurement list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Move the report to another screen</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next study</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No presets for this image</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tools</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Window %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ViewerWindow</name>
    <message>
      <source>Loading study…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Asking the hub for the study…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signed in again; continuing…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Opening series…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No window on key %1 for this image.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This study has no images.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Downloading images…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decoding images…</source>
      <translation type="unfinished" />
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
      <translation type="unfinished" />
    </message>
    <message>
      <source>This series holds %1 image stacks; the largest is shown.</source>
      <translation type="unfinished" />
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
      <translation type="unfinished" />
    </message>
    <message>
      <source>The hub cannot be reached. Check the connection and click the series to try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The hub refused the request: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The images of this series could not be decoded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The study could not be opened because of an unexpected error.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Image %1/%2   W %3  L %4   Zoom %5</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Viewer</source>
      <translation type="unfinished" />
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
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ViewportCell</name>
    <message>
      <source>Drag a series here</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>WorklistModel</name>
    <message>
      <source>Priority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Patient</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Patient ID</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Accession</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Modality</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Description</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Study date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hospital</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reader</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Critical result</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Priors</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>STAT</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>URGENT</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Routine</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unread</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>In progress</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reported (preliminary)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reported (final)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Mine</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Held by %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>You hold the reading lock until %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>You hold the reading lock.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 holds the reading lock until %2; the study opens read-only.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 holds the reading lock; the study opens read-only.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 unacknowledged</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A critical result was communicated and not yet acknowledged by the recipient.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%1 critical result communications not yet acknowledged by the recipients.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>WorklistWindow</name>
    <message>
      <source>Worklist — %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Refresh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reload the worklist from the hub (F5)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next study</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open the next unread study in priority order (Ctrl+N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Worklist</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Loading worklist…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signed out. Press F5 to sign in again and reload the worklist.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signed in again.</source>
      <translation type="unfinished" />
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
      <translation type="unfinished" />
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
      <translation type="unfinished" />
    </message>
    <message>
      <source>Session expired. Sign in again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The hub cannot be reached. Press F5 to try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Could not load the worklist: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Could not load the worklist because of an unexpected error.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>box</name>
    <message>
      <source> fps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cine frame rate (images per second)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>self.viewer</name>
    <message>
      <source>Marked as key image.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Key image mark removed.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>viewer</name>
    <message>
      <source>Key images</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Measurements</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Report</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MprMode</name>
    <message>
      <source>Open a series first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MPR needs a grayscale series.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MPR needs a series of at least %1 slices.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This series cannot be reformatted: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MPR</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MprView</name>
    <message>
      <source>Clip box around the crosshair</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reset the 3D view</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>VolumePresets</name>
    <message>
      <source>CT bone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>CT soft tissue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>CT angio (vessels)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>CT lung</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MR default</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>